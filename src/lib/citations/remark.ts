/**
 * The remark adapter: finds pandoc citations in an MDX or Markdown file, renders them in the
 * configured CSL style, and records the cited keys on the file for the page's reference list
 * (`remarkPluginFrontmatter.citations`). An unknown key throws, with every unknown key of the
 * file and its position.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { loadBibliographyFolder, resolveReference, type CitationKey } from '../bibliography.ts';
import type { ProjectPaths } from '../check.ts';
import { ProblemReport, type Problem } from '../problems.ts';
import { restoreBraces } from './braces.ts';
import { getCitationEngine } from './engine.ts';
import { findCitations, transformCitations } from './mdast.ts';
import { createPageRenderer } from './render.ts';
import { registerStyles } from './styles.ts';

export interface Options {
  readonly paths: ProjectPaths;
  /** CSL style name: `apa` (default), `vancouver`, `harvard1`, or a file in references/styles/. */
  readonly style?: string;
  /** Path prefix of the site (Astro's `base`), without a trailing slash. */
  readonly base?: string;
}

/** The name of the MDX element that marks where a page's reference list goes. */
export const referenceListMarker = 'References';

interface AstroData {
  astro?: { frontmatter?: Record<string, unknown> };
}

const summaryCache = new Map<string, { mtime: number; keys: Set<string> }>();

/** Keys that have a summary (file names in content/studies), re-read when the folder changes. */
function summaryKeys(directory: string): Set<string> {
  let mtime = -1;
  try {
    mtime = statSync(directory).mtimeMs;
  } catch {
    return new Set();
  }
  const cached = summaryCache.get(directory);
  if (cached?.mtime === mtime) return cached.keys;
  const keys = new Set(readdirSync(directory).filter((name) => /\.mdx?$/.test(name)).map((name) => name.replace(/\.mdx?$/, '')));
  summaryCache.set(directory, { mtime, keys });
  return keys;
}

/** The href of a citation: the study's page when it has a summary, else its bibliography entry. */
export function citationHref(key: string, summaries: ReadonlySet<string>, base = ''): string {
  return summaries.has(key) ? `${base}/studies/${key}/` : `${base}/references/#${key}`;
}

/** Give back the braces of `@{…}` that turned out not to be citations (in code, say). */
function restoreBracesIn(node: { type: string; value?: unknown; children?: unknown[] }): void {
  if (typeof node.value === 'string' && /[\uE000\uE001]/.test(node.value)) node.value = restoreBraces(node.value);
  for (const child of node.children ?? []) restoreBracesIn(child as typeof node);
}

export default function remarkCitations(options: Options) {
  const { paths, style = 'apa', base = '' } = options;
  return function transform(tree: Root, file: VFile): void {
    registerStyles(join(paths.referencesDir, 'styles'));
    const bibliography = loadBibliographyFolder(paths.referencesDir, paths.root);
    const source = String(file.value);
    const path = file.path ? relative(paths.root, file.path) : '<input>';
    const data = file.data as AstroData;
    const frontmatter = (data.astro ??= {}).frontmatter ?? (data.astro.frontmatter = {});
    const nocite = Array.isArray(frontmatter['nocite']) ? frontmatter['nocite'].map(String) : [];

    const found = findCitations(tree, source);
    const summaries = summaryKeys(join(paths.contentDir, 'studies'));
    const page = createPageRenderer(found, {
      bibliography,
      engine: getCitationEngine(bibliography, style),
      href: (key) => citationHref(key, summaries, base),
      file: path,
    });
    const problems: Problem[] = [...page.problems];
    const keys: CitationKey[] = [...page.keys];
    for (const key of nocite) {
      const reference = resolveReference(bibliography, key);
      if (!reference) problems.push({ file: path, line: 1, column: 1, message: `unknown citation key "${key}" in nocite` });
      else if (!keys.includes(reference.key)) keys.push(reference.key);
    }
    if (problems.length > 0) throw new ProblemReport(problems);

    transformCitations(tree, source, page.render);
    restoreBracesIn(tree);
    frontmatter['citations'] = keys;
    // `<References />` in the body places the list there; it receives the keys as a prop.
    let placed = false;
    const visit = (node: { type: string; name?: unknown; attributes?: unknown[]; children?: unknown[] }) => {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === referenceListMarker) {
        placed = true;
        node.attributes = [...(node.attributes ?? []), { type: 'mdxJsxAttribute', name: 'keys', value: keys.join(' ') }];
      }
      for (const child of node.children ?? []) visit(child as typeof node);
    };
    visit(tree);
    frontmatter['referencesPlaced'] = placed;
  };
}

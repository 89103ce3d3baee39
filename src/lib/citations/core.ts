/**
 * One file's citations and links, processor-agnostic: find the citations, resolve and render
 * them, put the site's base in front of site-absolute links, and say what to change in the tree.
 * The remark and Sätteri adapters apply the result each their own way.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { loadBibliographyFolder, resolveReference, type CitationKey } from '../bibliography.ts';
import type { ProjectPaths } from '../check.ts';
import { ProblemReport, type Problem } from '../problems.ts';
import { restoreBraces } from './braces.ts';
import { getCitationEngine } from './engine.ts';
import { findCitations, planCitations, type CitationEdit } from './mdast.ts';
import { createPageRenderer } from './render.ts';
import { registerStyles } from './styles.ts';

export interface CitationOptions {
  readonly paths: ProjectPaths;
  /** CSL style name: `apa` (default), `vancouver`, `harvard1`, or a file in references/styles/. */
  readonly style?: string;
  /** Path prefix of the site (Astro's `base`), without a trailing slash. */
  readonly base?: string;
  /** Where formatted clusters are kept between builds (Astro's cache folder). */
  readonly cacheDir?: string;
}

/** The name of the MDX element that marks where a page's reference list goes. */
export const referenceListMarker = 'References';

export interface CitationResult {
  /** New children for the parents that hold citations. */
  readonly edits: readonly CitationEdit[];
  /** Nodes whose text still holds `@{…}` stand-ins (code, say), with their text restored. */
  readonly values: readonly { node: Nodes; value: string }[];
  /** `<References />` elements, which get the cited keys as their `keys` attribute. */
  readonly markers: readonly Nodes[];
  /** Site-absolute links (`/topics/x/`) with the site's base put in front. */
  readonly links: readonly { node: Nodes; url: string }[];
  /** Cited keys (aliases resolved) in order of first citation, then `nocite` keys. */
  readonly keys: readonly CitationKey[];
  /** The keys cited in the text (no `nocite`), for "Cited on". */
  readonly cited: readonly CitationKey[];
}

const summaryCache = new Map<string, { mtime: number; keys: Set<string> }>();

/** Keys that have a summary (file names in content/studies), re-read when the folder changes. */
function summaryKeys(directory: string): Set<string> {
  let mtime: number;
  try {
    mtime = statSync(directory).mtimeMs;
  } catch {
    return new Set();
  }
  const cached = summaryCache.get(directory);
  if (cached?.mtime === mtime) return cached.keys;
  const keys = new Set(
    readdirSync(directory)
      .filter((name) => /\.mdx?$/.test(name))
      .map((name) => name.replace(/\.mdx?$/, '')),
  );
  summaryCache.set(directory, { mtime, keys });
  return keys;
}

/** The href of a citation: the study's page when it has a summary, else its bibliography entry. */
export function citationHref(key: string, summaries: ReadonlySet<string>, base = ''): string {
  return summaries.has(key) ? `${base}/studies/${key}/` : `${base}/references/#${key}`;
}

function collect(
  node: Nodes,
  base: string,
  values: { node: Nodes; value: string }[],
  markers: Nodes[],
  links: { node: Nodes; url: string }[],
): void {
  if (
    (node.type === 'link' || node.type === 'definition') &&
    base &&
    /^\/(?!\/)/.test(node.url) &&
    !node.url.startsWith(`${base}/`)
  ) {
    links.push({ node, url: `${base}${node.url}` });
  }
  if ('value' in node && typeof node.value === 'string' && /[\uE000\uE001]/.test(node.value)) {
    values.push({ node, value: restoreBraces(node.value) });
  }
  if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === referenceListMarker) {
    markers.push(node);
  }
  if ('children' in node) for (const child of node.children) collect(child as Nodes, base, values, markers, links);
}

/**
 * Process one file. Throws a ProblemReport naming every unknown key (in the text and in
 * `nocite`) with its position.
 */
export function processCitations(
  tree: Root,
  source: string,
  file: { path?: string | undefined; nocite?: readonly string[] },
  options: CitationOptions,
): CitationResult {
  const { paths, style = 'apa', base = '', cacheDir } = options;
  registerStyles(join(paths.referencesDir, 'styles'));
  const bibliography = loadBibliographyFolder(paths.referencesDir, paths.root);
  const path = file.path ? relative(paths.root, file.path) : '<input>';
  const found = findCitations(tree, source);
  const summaries = summaryKeys(join(paths.contentDir, 'studies'));
  const page = createPageRenderer(found, {
    bibliography,
    engine: getCitationEngine(bibliography, style, cacheDir),
    href: (key) => citationHref(key, summaries, base),
    file: path,
  });
  const problems: Problem[] = [...page.problems];
  const keys: CitationKey[] = [...page.keys];
  for (const key of file.nocite ?? []) {
    const reference = resolveReference(bibliography, key);
    if (!reference)
      problems.push({ file: path, line: 1, column: 1, message: `unknown citation key "${key}" in nocite` });
    else if (!keys.includes(reference.key)) keys.push(reference.key);
  }
  if (problems.length > 0) throw new ProblemReport(problems);
  const edits = found.length > 0 ? planCitations(tree, source, page.render) : [];
  const values: { node: Nodes; value: string }[] = [];
  const markers: Nodes[] = [];
  const links: { node: Nodes; url: string }[] = [];
  collect(tree, base, values, markers, links);
  return { edits, values, markers, links, keys, cited: page.keys };
}

/** The frontmatter's `nocite` keys, whatever shape the YAML gave them. */
export function nociteOf(frontmatter: Record<string, unknown> | undefined): string[] {
  const nocite = frontmatter?.['nocite'];
  return Array.isArray(nocite) ? nocite.map(String) : [];
}

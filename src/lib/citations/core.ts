/**
 * One file's citations and links, processor-agnostic: find the citations, resolve and render
 * them, put the site's base in front of site-absolute links, and say what to change in the tree.
 * The remark and Sätteri adapters apply the result each their own way.
 *
 * The plugin does not read the disk: the integration hands it a `CitationContext` (the parsed
 * bibliography, the keys that have a summary, the style and the base), the same for every file
 * of a build, refreshed in dev when the references or summaries change.
 */
import { relative } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { resolveReference, type Bibliography } from '../bibliography.ts';
import type { CitationKey } from '../keys.ts';
import { ProblemReport, type Problem } from '../problems.ts';
import { routesWithBase, withBase } from '../routes.ts';
import { restoreBraces } from './braces.ts';
import { getCitationEngine } from './engine.ts';
import { referenceListMarker, type PageCitations } from './handoff.ts';
import { findCitations, planCitations, type CitationEdit } from './mdast.ts';
import { createPageRenderer } from './render.ts';
import { registerStyles } from './styles.ts';

export interface CitationContext {
  readonly bibliography: Bibliography;
  /** Keys that have a summary: their citations link to the study page. */
  readonly summaries: ReadonlySet<string>;
  /** CSL style name: one of `standardStyles` (`apa`, `vancouver`, …), or a file in `stylesDir`. */
  readonly style: string;
  /** The site's base path, without a trailing slash ('' at the root). */
  readonly base: string;
  /** The project root, for file names in messages. */
  readonly root: string;
  /** Custom CSL styles (registered in this module graph's copy of citation-js). */
  readonly stylesDir: string;
  /** Where formatted clusters are kept between builds (Astro's cache folder). */
  readonly cacheDir?: string | undefined;
  /**
   * The keys the site lists (used: summarised, cited or in `nocite`); an author-date style tells
   * citations apart (2024a) only among these, as the lists do. All of the library when not given.
   */
  readonly listed?: ReadonlySet<string> | undefined;
  /** The part of a split bibliography a reference is listed on (src/lib/paging.ts); '' when it is one page. */
  readonly referencePart?: ((key: string) => string) | undefined;
}

export interface CitationOptions {
  /** The context of the current build; called once per file. */
  readonly context: () => CitationContext;
}

export interface CitationResult extends PageCitations {
  /** New children for the parents that hold citations. */
  readonly edits: readonly CitationEdit[];
  /** Nodes whose text still holds `@{…}` stand-ins (code, say), with their text restored. */
  readonly values: readonly { node: Nodes; value: string }[];
  /** `<References />` elements, which get the cited keys as their `keys` attribute. */
  readonly markers: readonly Nodes[];
  /** Site-absolute links (`/topics/x/`) with the site's base put in front. */
  readonly links: readonly { node: Nodes; url: string }[];
}

/** The href of a citation: the study's page when it has a summary, else its bibliography entry. */
export function citationHref(key: string, summaries: ReadonlySet<string>, base = '', part = ''): string {
  const link = routesWithBase(base);
  return summaries.has(key) ? link.study(key) : link.referenceEntry(key, part);
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
    links.push({ node, url: withBase(base, node.url) });
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
  context: CitationContext,
): CitationResult {
  const { bibliography, summaries, style, base, cacheDir, root, stylesDir, referencePart, listed } = context;
  registerStyles(stylesDir);
  const path = file.path ? relative(root, file.path) : '<input>';
  const found = findCitations(tree, source);
  const page = createPageRenderer(found, {
    bibliography,
    engine: getCitationEngine(bibliography, style, cacheDir, listed),
    href: (key) => citationHref(key, summaries, base, referencePart?.(key)),
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
  return { edits, values, markers, links, keys, cited: page.keys, referencesPlaced: markers.length > 0 };
}

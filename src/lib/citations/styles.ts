/**
 * Citation styles: APA, Vancouver and Harvard as citation-js ships them, Chicago (author-date) and
 * MLA from the official CSL styles that the npm package `rehype-citation` carries (CC BY-SA 3.0,
 * like every style of the CSL project; nothing is fetched at build time), and any `.csl` file
 * placed in `references/styles/`, selectable by its file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';

export interface CitationStyle {
  /** The name used in settings and in citation-js (`apa`, `vancouver`, or a file name). */
  readonly name: string;
  /** What readers see: "APA 7", "Vancouver", or the style's own title. */
  readonly title: string;
  /** Numeric styles number references by first citation on the page. */
  readonly numeric: boolean;
  /** The citation layout's own prefix and suffix, such as "(" and ")". */
  readonly layoutPrefix: string;
  readonly layoutSuffix: string;
  /** What the citation layout puts between the items of a cluster, such as "; ". */
  readonly layoutDelimiter: string;
  /** True when the style sorts the items of a citation (APA: by author, then year). */
  readonly sortsCitations: boolean;
}

/** The styles every "Cite this" offers, in this order. */
export const standardStyles = ['apa', 'vancouver', 'harvard1', 'chicago-author-date', 'mla'] as const;

const titles: Record<string, string> = {
  apa: 'APA 7',
  vancouver: 'Vancouver',
  harvard1: 'Harvard',
  'chicago-author-date': 'Chicago (author-date)',
  mla: 'MLA 9',
};

/**
 * A style's name becomes part of element ids and cache file names: lower-case letters, digits and
 * hyphens. Why `name` is not one, or undefined.
 */
export function styleNameProblem(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]*$/.test(name)
    ? undefined
    : 'is not a style name: use lower-case letters, digits and hyphens, such as chicago-author-date.csl';
}

interface StyleRegistry {
  has(name: string): boolean;
  get(name: string): string;
  add(name: string, xml: string): void;
}

/** This module graph's style registry, with the standard styles in it. */
const registry = (): StyleRegistry => {
  const styles = plugins.config.get('@csl').styles as StyleRegistry;
  if (!withStandardStyles.has(styles)) {
    registerStandardStyles(styles);
    withStandardStyles.add(styles);
  }
  return styles;
};
const withStandardStyles = new WeakSet<StyleRegistry>();

/**
 * A style file of the npm package `rehype-citation`, which keeps each official CSL style as an
 * ES module exporting the XML (`export default `<?xml …>``). Its package exports the folder only
 * to bundlers, so the file is read from beside its entry point.
 */
function packagedStyle(file: string): string {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('rehype-citation')), 'styles', file);
  const source = readFileSync(path, 'utf8');
  const match = /^export default `([^`\\$]*)`;?\s*$/.exec(source);
  if (!match?.[1]) throw new Error(`${path} is not a CSL style module as expected (export default \`<xml>\`)`);
  return match[1];
}

/**
 * citation-js's Harvard (Cite Them Right) marks every journal article without a volume and pages
 * "[Preprint]", so articles published online ahead of print were shown as preprints. CSL 1.0.2
 * types a preprint as `article` ("a preprint, working paper, or similar") and a published paper as
 * `article-journal`: the mark is kept for `article` only.
 */
export function harvardWithoutFalsePreprints(xml: string): string {
  const marked = '<if type="article article-journal" match="any"><choose><if match="none" variable="page volume">';
  if (!xml.includes(marked)) return xml;
  return xml.replace(marked, '<if type="article" match="any"><choose><if match="none" variable="page volume">');
}

/**
 * Chicago groups later works of the same author ("Smith 2000, 2004": CMoS 17, 15.30, "separated by
 * commas"), and CSL 1.0.2 defaults `cite-group-delimiter` to ", "; citeproc-js takes the layout's
 * "; " instead (citation-style-language/test-suite#39), so the style says it explicitly.
 */
export function withCiteGroupDelimiter(xml: string): string {
  return xml.replace(
    /<citation\b(?![^>]*cite-group-delimiter)(?=[^>]*collapse="year)/,
    '<citation cite-group-delimiter=", "',
  );
}

/** Register the standard styles citation-js does not ship, in this module graph's registry. */
function registerStandardStyles(styles: StyleRegistry): void {
  styles.add('chicago-author-date', withCiteGroupDelimiter(packagedStyle('chicago.js')));
  styles.add('mla', packagedStyle('mla.js'));
  styles.add('harvard1', harvardWithoutFalsePreprints(styles.get('harvard1')));
}

export interface StyleFile {
  readonly name: string;
  readonly path: string;
  readonly xml: string;
}

/** The `.csl` files of a folder, sorted by name. */
export function readStyleFiles(directory: string): StyleFile[] {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.csl'))
      .sort();
  } catch {
    return [];
  }
  return names.map((file) => {
    const path = join(directory, file);
    return { name: file.replace(/\.csl$/, ''), path, xml: readFileSync(path, 'utf8') };
  });
}

const registered = new Map<string, string[]>();

/**
 * Register the `.csl` files of `directory` with citation-js (once per folder) and return their
 * names. Each module instance of citation-js has its own registry, so every context that formats
 * calls this. A file whose name is not a style name is left out (the content check reports it).
 */
export function registerStyles(directory: string): string[] {
  const known = registered.get(directory);
  if (known) return known;
  const added = readStyleFiles(directory)
    .filter(({ name }) => styleNameProblem(name) === undefined)
    .map(({ name, xml }) => {
      registry().add(name, xml);
      return name;
    });
  registered.set(directory, added);
  return added;
}

function decodeXml(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] ?? '',
  );
}

/** The style's XML, or undefined when no style of that name is registered. */
export function styleXml(name: string): string | undefined {
  return registry().has(name) ? registry().get(name) : undefined;
}

const described = new Map<string, CitationStyle>();

export function describeStyle(name: string): CitationStyle | undefined {
  const known = described.get(name);
  if (known) return known;
  const xml = styleXml(name);
  if (xml === undefined) return undefined;
  const style = readStyle(name, xml);
  described.set(name, style);
  return style;
}

function readStyle(name: string, xml: string): CitationStyle {
  const citation = /<citation\b[\s\S]*?<\/citation>/.exec(xml)?.[0] ?? '';
  const layout = /<layout\b([^>]*)>/.exec(citation)?.[1] ?? '';
  const attribute = (name: string) => decodeXml(new RegExp(`\\b${name}="([^"]*)"`).exec(layout)?.[1] ?? '');
  return {
    name,
    title: titles[name] ?? decodeXml(/<title>([^<]*)<\/title>/.exec(xml)?.[1] ?? name),
    numeric: /citation-format="numeric"/.test(xml),
    layoutPrefix: attribute('prefix'),
    layoutSuffix: attribute('suffix'),
    layoutDelimiter: attribute('delimiter'),
    sortsCitations: /<sort\b/.test(citation),
  };
}

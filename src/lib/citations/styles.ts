/**
 * Citation styles: citation-js's built-in APA, Vancouver and Harvard, and any `.csl` file placed
 * in `references/styles/`, selectable by its file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

/** The styles every "Cite this" offers, in this order. */
export const standardStyles = ['apa', 'vancouver', 'harvard1'] as const;

const titles: Record<string, string> = { apa: 'APA 7', vancouver: 'Vancouver', harvard1: 'Harvard' };

/**
 * A style's name becomes part of element ids and cache file names: lower-case letters, digits and
 * hyphens. Why `name` is not one, or undefined.
 */
export function styleNameProblem(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]*$/.test(name)
    ? undefined
    : 'is not a style name: use lower-case letters, digits and hyphens, such as chicago-author-date.csl';
}

const registry = () =>
  plugins.config.get('@csl').styles as {
    has(name: string): boolean;
    get(name: string): string;
    add(name: string, xml: string): void;
  };

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
  };
}

/**
 * Formatting references through citation-js's CSL engine. Each bibliography is formatted in one
 * engine call, which gives the style's sort order and its disambiguation (2024a, 2024b) at once;
 * callers keep the result rather than formatting an entry again.
 */
import { plugins, type CSL } from '@citation-js/core';
import '@citation-js/plugin-csl';
// citation-js formats through citeproc-js: load it with its casing hot spot fixed.
import './citations/citeproc.ts';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { engineRecord, type CitationKey, type Reference } from './bibliography.ts';
import { buildStats } from './build-state.ts';
import { escapeHtml, sanitizeCslTree } from './html.ts';

export interface FormattedReference {
  /** The entry as HTML, sanitised to CSL's formatting elements, DOIs and web addresses as links. */
  readonly html: string;
  /** Position in the style's sort order, from 0. */
  readonly order: number;
}

export interface FormatOptions {
  /** A CSL style name registered with citation-js (`apa`, `vancouver`, `harvard1`, …). */
  readonly style?: string;
  readonly locale?: string;
  /**
   * Format each entry on its own, as a reader copies one reference into their own list: no
   * "2024a" from another entry of the library, no "———" for a repeated author. Without it the
   * entries are formatted as one list.
   */
  readonly alone?: boolean;
}

const isElement = (node: ElementContent | Root['children'][number]): node is Element => node.type === 'element';
const hasClass = (node: Element, name: string) =>
  Array.isArray(node.properties['className']) && node.properties['className'].includes(name);

/**
 * The content of one formatted entry, sanitised: without its `csl-entry` wrapper, and for a
 * numeric style without its number (pages number their own lists).
 */
function entryContent(html: string): string {
  const tree = sanitizeCslTree(html);
  let children: ElementContent[] = tree.children.filter((node) => node.type !== 'doctype') as ElementContent[];
  const wrapper = children.find((node) => isElement(node) && hasClass(node, 'csl-entry'));
  if (wrapper && isElement(wrapper)) children = wrapper.children;
  const inline = children.find((node) => isElement(node) && hasClass(node, 'csl-right-inline'));
  if (inline && isElement(inline) && children.some((node) => isElement(node) && hasClass(node, 'csl-left-margin'))) {
    children = inline.children;
  }
  return toHtml({ type: 'root', children }).trim();
}

function formatEntries(data: readonly CSL[], style: string, locale: string): [string, string][] {
  return plugins.output.format('bibliography', [...data], {
    format: 'html',
    template: style,
    lang: locale,
    hyperlinks: true,
    asEntryArray: true,
  }) as unknown as [string, string][];
}

/** A last-resort entry for a record the CSL engine cannot format: its title and year, escaped. */
function fallbackEntry(csl: CSL): string {
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  return `${escapeHtml(csl.title ?? String(csl.id))}${year === undefined ? '' : ` (${escapeHtml(String(year))})`}.`;
}

export interface FormattedBibliography {
  readonly entries: Map<CitationKey, FormattedReference>;
  /** Keys the CSL engine failed on, with its error; they get a plain title-and-year entry. */
  readonly failures: readonly { key: CitationKey; error: string }[];
}

/**
 * Format every reference as the style's bibliography entries: in one pass as one list, or each
 * on its own (`alone`).
 */
export function formatBibliography(
  references: Iterable<Reference>,
  { style = 'apa', locale = 'en-US', alone = false }: FormatOptions = {},
): FormattedBibliography {
  const data = [...references].map(engineRecord);
  const entries = new Map<CitationKey, FormattedReference>();
  const failures: { key: CitationKey; error: string }[] = [];
  if (data.length === 0) return { entries, failures };
  const { entriesFormatted } = buildStats();
  entriesFormatted[style] = (entriesFormatted[style] ?? 0) + data.length;
  /** One entry on its own, or none when the engine fails on it (recorded in `failures`). */
  const formatOne = (csl: CSL): [string, string][] => {
    try {
      return formatEntries([csl], style, locale);
    } catch (error) {
      failures.push({
        key: String(csl.id) as CitationKey,
        error: error instanceof Error ? error.message : String(error),
      });
      return [];
    }
  };
  let formatted: [string, string][];
  if (alone) formatted = data.flatMap(formatOne);
  else {
    try {
      formatted = formatEntries(data, style, locale);
    } catch {
      // One bad record must not take the others down: find it by formatting the rest without it.
      const good = data.filter((csl) => formatOne(csl).length > 0);
      formatted = good.length > 0 ? formatEntries(good, style, locale) : [];
    }
  }
  formatted.forEach(([id, element], order) => {
    entries.set(id as CitationKey, { html: entryContent(element), order });
  });
  for (const { key } of failures) {
    const csl = data.find((each) => String(each.id) === key);
    if (csl) entries.set(key, { html: fallbackEntry(csl), order: entries.size });
  }
  return { entries, failures };
}

/**
 * Formatting references through citation-js's CSL engine. Each bibliography is formatted in one
 * engine call, which gives the style's sort order and its disambiguation (2024a, 2024b) at once;
 * callers keep the result rather than formatting an entry again.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CitationKey, Reference } from './bibliography.ts';

export interface FormattedReference {
  /** The entry as HTML (escaped by the CSL engine), DOIs and URLs as links. */
  readonly html: string;
  /** Position in the style's sort order, from 0. */
  readonly order: number;
}

export interface FormatOptions {
  /** A CSL style name registered with citation-js (`apa`, `vancouver`, `harvard1`). */
  readonly style?: string;
  readonly locale?: string;
}

const entryWrapper = /^\s*<div[^>]*class="csl-entry"[^>]*>([\s\S]*)<\/div>\s*$/;

/** Keep only web links: a `url` field could otherwise carry a `javascript:` address. */
function safeLinks(html: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_link, href: string, text: string) =>
    /^https?:\/\//i.test(href) ? `<a href="${href}">${text}</a>` : text,
  );
}

/** Format every reference, in one pass, as the style's bibliography entries. */
export function formatBibliography(
  references: Iterable<Reference>,
  { style = 'apa', locale = 'en-US' }: FormatOptions = {},
): Map<CitationKey, FormattedReference> {
  const data = [...references].map((reference) => reference.csl);
  const formatted = new Map<CitationKey, FormattedReference>();
  if (data.length === 0) return formatted;
  const entries = plugins.output.format('bibliography', data, {
    format: 'html',
    template: style,
    lang: locale,
    hyperlinks: true,
    asEntryArray: true,
  }) as unknown as [string, string][];
  entries.forEach(([id, element], order) => {
    const inner = entryWrapper.exec(element)?.[1] ?? element;
    formatted.set(id as CitationKey, { html: safeLinks(inner.trim()), order });
  });
  return formatted;
}

/**
 * Formatting references through citation-js's CSL engine. Each bibliography is formatted in one
 * engine call, which gives the style's sort order and its disambiguation (2024a, 2024b) at once;
 * callers keep the result rather than formatting an entry again.
 */
import { plugins, type CSL } from '@citation-js/core';
import '@citation-js/plugin-csl';
// citation-js formats through citeproc-js: load it with its casing hot spot fixed.
import './citations/citeproc.ts';
import type { CitationKey, Reference } from './bibliography.ts';
import { buildStats } from './stats.ts';

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
/** Numeric styles put the number in a margin block; pages number their own lists. */
const numberedEntry =
  /^\s*<div class="csl-left-margin">[\s\S]*?<\/div>\s*<div class="csl-right-inline">([\s\S]*)<\/div>\s*$/;

/** Keep only web links: a `url` field could otherwise carry a `javascript:` address. */
function safeLinks(html: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_link, href: string, text: string) =>
    /^https?:\/\//i.test(href) ? `<a href="${href}">${text}</a>` : text,
  );
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
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (char) => ({ '&': '&#38;', '<': '&#60;', '>': '&#62;', '"': '&#34;' })[char] ?? char);
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  return `${escape(csl.title ?? String(csl.id))}${year === undefined ? '' : ` (${escape(String(year))})`}.`;
}

export interface FormattedBibliography {
  readonly entries: Map<CitationKey, FormattedReference>;
  /** Keys the CSL engine failed on, with its error; they get a plain title-and-year entry. */
  readonly failures: readonly { key: CitationKey; error: string }[];
}

/** Format every reference, in one pass, as the style's bibliography entries. */
export function formatBibliography(
  references: Iterable<Reference>,
  { style = 'apa', locale = 'en-US' }: FormatOptions = {},
): FormattedBibliography {
  const data = [...references].map((reference) => reference.csl);
  const entries = new Map<CitationKey, FormattedReference>();
  const failures: { key: CitationKey; error: string }[] = [];
  if (data.length === 0) return { entries, failures };
  const { entriesFormatted } = buildStats();
  entriesFormatted[style] = (entriesFormatted[style] ?? 0) + data.length;
  let formatted: [string, string][];
  try {
    formatted = formatEntries(data, style, locale);
  } catch {
    // One bad record must not take the others down: find it by formatting the rest without it.
    const good = data.filter((csl) => {
      try {
        formatEntries([csl], style, locale);
        return true;
      } catch (error) {
        failures.push({
          key: String(csl.id) as CitationKey,
          error: error instanceof Error ? error.message : String(error),
        });
        return false;
      }
    });
    formatted = good.length > 0 ? formatEntries(good, style, locale) : [];
  }
  formatted.forEach(([id, element], order) => {
    const inner = entryWrapper.exec(element)?.[1] ?? element;
    const text = numberedEntry.exec(inner)?.[1] ?? inner;
    entries.set(id as CitationKey, { html: safeLinks(text.trim()), order });
  });
  for (const { key } of failures) {
    const csl = data.find((each) => String(each.id) === key);
    if (csl) entries.set(key, { html: fallbackEntry(csl), order: entries.size });
  }
  return { entries, failures };
}

/**
 * Format several styles at once, one worker thread per style (the CSL engine is single-threaded
 * and slow: a few milliseconds an entry). Falls back to this thread if workers cannot start.
 */
export async function formatBibliographies(
  references: readonly Reference[],
  styles: readonly string[],
  styleXml: (style: string) => string | undefined,
): Promise<Map<string, FormattedBibliography>> {
  const results = new Map<string, FormattedBibliography>();
  const { Worker } = await import('node:worker_threads');
  const worker = new URL('./format-worker.ts', import.meta.url);
  await Promise.all(
    styles.map(async (style) => {
      try {
        const result = await new Promise<{
          entries: [CitationKey, FormattedReference][];
          failures: FormattedBibliography['failures'];
        }>((resolve, reject) => {
          const thread = new Worker(worker, {
            workerData: { references, style, xml: standardStyleNames.has(style) ? undefined : styleXml(style) },
          });
          thread.once('message', resolve);
          thread.once('error', reject);
          thread.once('exit', (code) => code !== 0 && reject(new Error(`formatting ${style} stopped (${code})`)));
        });
        const { entriesFormatted } = buildStats();
        entriesFormatted[style] = (entriesFormatted[style] ?? 0) + references.length;
        results.set(style, { entries: new Map(result.entries), failures: result.failures });
      } catch {
        results.set(style, formatBibliography(references, { style }));
      }
    }),
  );
  return results;
}

const standardStyleNames = new Set(['apa', 'vancouver', 'harvard1']);

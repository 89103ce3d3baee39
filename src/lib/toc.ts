/**
 * The table of contents of a long page: its sections (h2) when it has at least `tocMinimum`, and
 * where in the page's HTML the list goes (after the lead). Browser-safe, no Astro imports.
 */

/** A heading as Astro's `render()` lists them (`MarkdownHeading`). */
export interface TocHeading {
  readonly depth: number;
  readonly slug: string;
  readonly text: string;
}

/** Pages with fewer sections than this are short enough to read without a table of contents. */
export const tocMinimum = 4;

/** The sections a table of contents lists: the h2 headings, when there are at least `tocMinimum`. */
export function tocEntries(headings: readonly TocHeading[]): TocHeading[] {
  const sections = headings.filter((heading) => heading.depth === 2 && heading.slug);
  return sections.length >= tocMinimum ? sections : [];
}

const leadStart = /<p\b[^>]*\bclass="(?:[^"]*\s)?lead(?:\s[^"]*)?"[^>]*>/;

/**
 * Splits a page's HTML where its table of contents goes: after the lead paragraph (a paragraph
 * cannot hold another, so its first `</p>` closes it), else after the h1, else at the start.
 */
export function splitAfterLead(html: string): [string, string] {
  const lead = leadStart.exec(html);
  if (lead) {
    const close = html.indexOf('</p>', lead.index + lead[0].length);
    if (close !== -1) return [html.slice(0, close + 4), html.slice(close + 4)];
  }
  const heading = html.indexOf('</h1>');
  if (heading !== -1) return [html.slice(0, heading + 5), html.slice(heading + 5)];
  return ['', html];
}

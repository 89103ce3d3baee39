/**
 * Long lists split into pages a phone can open. A list of up to `ATLAS_LIST_PAGE_SIZE` items is
 * one page; a longer one is split where a reader looks for things:
 *
 * - the full bibliography by the first letter of its first author (`/references/by-name/s/`),
 *   a letter with too many entries into ranges of its second letter (`sa-sh`), and a range that
 *   is still too long into numbered parts (`sc`, `sc-2`). A reference's page depends on its own
 *   record and on how many entries share its letters, so a citation's link to it is the same on
 *   every page of a build;
 * - the study list by year (`/studies/by-year/2024/`), a year with too many studies into numbered
 *   parts (`2024`, `2024-2`) in the table's order.
 *
 * Pure and browser-safe: the citation plugin and the pages compute the same parts from the same
 * records.
 */
import type { CSL } from '@citation-js/core';

export interface Part<T> {
  /** The part's URL segment: `s`, `sa-sh`, `sc-2`, `2024`; '' when the list is one page. */
  readonly slug: string;
  /** What the part holds, for its heading and the part links: "S", "Sa–Sh", "2024 (2)". */
  readonly label: string;
  readonly items: readonly T[];
}

/** The default of ATLAS_LIST_PAGE_SIZE: the longest list one page holds. */
export const defaultListPageSize = 300;

/**
 * A name folded for filing: letters without accents, lower case, anything else one space
 * (`Müller` → `muller`, `O'Brien` → `o brien`), so names compare as reference lists sort them
 * ("A paper" before "Abbott").
 */
function folded(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The name a reference is filed under: its first author's family name with its particle
 * (`van der Berg`), an organisation's name, else the first editor's, else the title.
 */
export function filingName(csl: Pick<CSL, 'author' | 'editor' | 'title'>): string {
  const first = csl.author?.[0] ?? csl.editor?.[0];
  const name = first
    ? (first.literal ?? [first['non-dropping-particle'], first.family].filter(Boolean).join(' '))
    : (csl.title ?? '');
  return folded(name);
}

const isLetter = (character: string | undefined): character is string =>
  character !== undefined && /^[a-z]$/.test(character);

/** Split `items` (already in order) into numbered parts of at most `size`. */
function numbered<T>(items: readonly T[], size: number, slug: string, label: string): Part<T>[] {
  const parts: Part<T>[] = [];
  for (let start = 0; start < items.length; start += size) {
    const index = start / size + 1;
    parts.push({
      slug: index === 1 ? slug : `${slug}-${index}`,
      label: items.length > size ? `${label} (${index})` : label,
      items: items.slice(start, start + size),
    });
  }
  return parts;
}

/** Group sorted items by a part of their name, keeping the order. */
function groupBy<T>(items: readonly T[], groupOf: (item: T) => string): [string, T[]][] {
  const groups: [string, T[]][] = [];
  for (const item of items) {
    const group = groupOf(item);
    const last = groups.at(-1);
    if (last && last[0] === group) last[1].push(item);
    else groups.push([group, [item]]);
  }
  return groups;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The parts of the full bibliography. `references` may come in any order; each part holds its
 * references in filing order (the page shows them in the list style's order).
 */
export function referenceParts<T extends { readonly key: string; readonly csl: CSL }>(
  references: readonly T[],
  size: number,
): Part<T>[] {
  if (references.length <= size) return [{ slug: '', label: 'All', items: references }];
  const named = references
    .map((reference) => ({ reference, name: filingName(reference.csl) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.reference.key < b.reference.key ? -1 : 1));
  const parts: Part<T>[] = [];
  for (const [letter, group] of groupBy(named, ({ name }) => (isLetter(name[0]) ? name[0] : 'other'))) {
    const label = letter === 'other' ? 'Other' : letter.toUpperCase();
    const of = (entries: typeof group) => entries.map(({ reference }) => reference);
    if (group.length <= size || letter === 'other') {
      parts.push(...numbered(of(group), size, letter, label));
      continue;
    }
    // By the second letter, consecutive ones merged while they fit.
    let range: { first: string; last: string; entries: typeof group } | undefined;
    const close = () => {
      if (!range) return;
      const { first, last, entries } = range;
      const slug = first === last ? first : `${first}-${last}`;
      parts.push(
        ...numbered(of(entries), size, slug, first === last ? capital(first) : `${capital(first)}–${capital(last)}`),
      );
      range = undefined;
    };
    for (const [prefix, entries] of groupBy(group, ({ name }) => letter + (isLetter(name[1]) ? name[1] : ''))) {
      if (range && range.entries.length + entries.length > size) close();
      if (range) {
        range.last = prefix;
        range.entries.push(...entries);
      } else range = { first: prefix, last: prefix, entries: [...entries] };
    }
    close();
  }
  return parts;
}

/**
 * The parts of the study list: one per year, newest first (`undated` last), a long year in
 * numbered parts. `studies` come in the table's order, which each part keeps.
 */
export function yearParts<T extends { readonly year: number | undefined }>(
  studies: readonly T[],
  size: number,
): Part<T>[] {
  if (studies.length <= size) return [{ slug: '', label: 'All', items: studies }];
  const years = new Map<string, T[]>();
  for (const study of studies) {
    const year = study.year === undefined ? 'undated' : String(study.year);
    const list = years.get(year);
    if (list) list.push(study);
    else years.set(year, [study]);
  }
  const order = [...years.keys()].sort((a, b) => (a === 'undated' ? 1 : b === 'undated' ? -1 : Number(b) - Number(a)));
  return order.flatMap((year) => numbered(years.get(year) ?? [], size, year, year === 'undated' ? 'Undated' : year));
}

/** The part each item is on, by key. */
export function partOf<T>(parts: readonly Part<T>[], keyOf: (item: T) => string): Map<string, string> {
  return new Map(parts.flatMap((part) => part.items.map((item) => [keyOf(item), part.slug] as const)));
}

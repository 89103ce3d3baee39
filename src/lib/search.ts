/**
 * The search state kept in the URL (`/search/?q=…&design=…`) and Pagefind's options for it,
 * shared by the search page and the browser scripts. No Node or Astro imports: this module is
 * bundled for the browser.
 */

import { facetsOf } from './facets.ts';

/** The facets of the search page, in display order (src/lib/facets.ts). */
export const searchFacets: readonly string[] = facetsOf('search').map((facet) => facet.name);

export const sorts = [
  { value: 'relevance', label: 'Best match' },
  { value: 'year-desc', label: 'Newest first' },
  { value: 'year-asc', label: 'Oldest first' },
  { value: 'n-desc', label: 'Largest N first' },
] as const;
export type SortValue = (typeof sorts)[number]['value'];

export interface SearchState {
  readonly q: string;
  /** Selected values per facet; values within a facet are alternatives (any of them). */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly sort: SortValue;
}

/** The search state of a URL's query string. Unknown parameters and values are dropped. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: Record<string, string[]> = {};
  for (const name of searchFacets) {
    const values = params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
    if (values.length > 0) filters[name] = [...new Set(values)];
  }
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    sort: sorts.some((each) => each.value === sort) ? (sort as SortValue) : 'relevance',
  };
}

/** The query string of a search state, parameters in a stable order (`q`, facets, `sort`). */
export function writeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of searchFacets) for (const value of state.filters[name] ?? []) params.append(name, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * Pagefind's `filters` and `sort` options for a search state. Every facet is named, with an
 * empty list when nothing is chosen: Pagefind only counts the values of the filters it is given.
 */
export function pagefindOptions(state: SearchState): {
  filters: Record<string, { any: string[] }>;
  sort?: Record<string, 'asc' | 'desc'>;
} {
  const filters: Record<string, { any: string[] }> = {};
  for (const name of searchFacets) filters[name] = { any: [...(state.filters[name] ?? [])] };
  const [key, direction] = state.sort.split('-') as [string, 'asc' | 'desc' | undefined];
  return direction ? { filters, sort: { [key]: direction } } : { filters };
}

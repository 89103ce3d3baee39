/**
 * Search facets and the search state kept in the URL. Shared by the pages that write Pagefind's
 * filter attributes and by the browser scripts that read and write `/search/?q=…&design=…`.
 * No Node or Astro imports: this module is bundled for the browser.
 */

/** The facets of the search page, in display order. URL parameter = Pagefind filter name. */
export const facets = [
  { name: 'kind', label: 'Kind of page' },
  { name: 'design', label: 'Design' },
  { name: 'topic', label: 'Topic' },
  { name: 'condition', label: 'Condition' },
  { name: 'substance', label: 'Substance' },
  { name: 'certainty', label: 'Certainty' },
  { name: 'year', label: 'Year' },
  { name: 'n', label: 'Participants (N)' },
] as const;
export type FacetName = (typeof facets)[number]['name'];
export const facetNames: readonly FacetName[] = facets.map((facet) => facet.name);

export const sorts = [
  { value: 'relevance', label: 'Best match' },
  { value: 'year-desc', label: 'Newest first' },
  { value: 'year-asc', label: 'Oldest first' },
  { value: 'n-desc', label: 'Largest N first' },
] as const;
export type SortValue = (typeof sorts)[number]['value'];

export const kindLabels: Record<string, string> = { study: 'Study summary', topic: 'Topic', page: 'Page' };

/** The N band of a study: the three bands, as URL-safe values. */
export const nBands = [
  { value: 'under-50', label: 'Under 50', test: (n: number) => n < 50 },
  { value: '50-199', label: '50–199', test: (n: number) => n >= 50 && n < 200 },
  { value: '200-plus', label: '200 and over', test: (n: number) => n >= 200 },
] as const;

export function nBand(n: number): (typeof nBands)[number]['value'] {
  return (nBands.find((band) => band.test(n)) ?? nBands[0]).value;
}

export interface SearchState {
  readonly q: string;
  /** Selected values per facet; values within a facet are alternatives (any of them). */
  readonly filters: Readonly<Partial<Record<FacetName, readonly string[]>>>;
  readonly sort: SortValue;
}

/** The search state of a URL's query string. Unknown parameters and values are dropped. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const name of facetNames) {
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
  for (const name of facetNames) for (const value of state.filters[name] ?? []) params.append(name, value);
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
  for (const name of facetNames) filters[name] = { any: [...(state.filters[name] ?? [])] };
  const [key, direction] = state.sort.split('-') as [string, 'asc' | 'desc' | undefined];
  return direction ? { filters, sort: { [key]: direction } } : { filters };
}

/**
 * The search state in the URL (src/lib/search.ts): what a shared search link restores, what it
 * drops, and the options Pagefind gets for it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facetsOf } from '../src/lib/facets.ts';
import {
  pagefindOptions,
  readSearchState,
  searchFacets,
  sorts,
  writeSearchState,
  type SearchState,
} from '../src/lib/search.ts';

const read = (query: string) => readSearchState(new URLSearchParams(query));

/** A facet value as the facet table makes them: slugs, vocabulary words, years, N bands. */
const facetValue = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const stateArbitrary: fc.Arbitrary<SearchState> = fc.record({
  q: fc.string({ unit: 'grapheme', maxLength: 40 }),
  filters: fc.dictionary(fc.constantFrom(...searchFacets), fc.array(facetValue, { maxLength: 4 })),
  sort: fc.constantFrom(...sorts.map((sort) => sort.value)),
});

/** What a state is once read back: the query trimmed, values once each, empty facets left out. */
function normalised(state: SearchState): SearchState {
  const filters = Object.fromEntries(
    searchFacets.flatMap((name) => {
      const values = [...new Set(state.filters[name] ?? [])];
      return values.length > 0 ? [[name, values]] : [];
    }),
  );
  return { q: state.q.trim(), filters, sort: state.sort };
}

describe('searchFacets', () => {
  it('are the facets of the search page', () => {
    expect(searchFacets).toEqual(facetsOf('search').map((facet) => facet.name));
  });
});

describe('readSearchState and writeSearchState', () => {
  it('write an empty state as no query string', () => {
    expect(writeSearchState({ q: '', filters: {}, sort: 'relevance' })).toBe('');
    expect(read('')).toEqual({ q: '', filters: {}, sort: 'relevance' });
  });

  it('write the query, then the facets in display order, then the sort', () => {
    expect(
      writeSearchState({
        q: 'psilocybin & depression',
        filters: { year: ['2024'], design: ['rct', 'cohort'], kind: ['study'] },
        sort: 'year-desc',
      }),
    ).toBe('?q=psilocybin+%26+depression&kind=study&design=rct&design=cohort&year=2024&sort=year-desc');
  });

  it('restore every state they write', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        expect(read(writeSearchState(state))).toEqual(normalised(state));
        // A state read from a link writes that link again: one state, one address.
        const link = writeSearchState(normalised(state));
        expect(writeSearchState(read(link))).toBe(link);
      }),
      { numRuns: 300 },
    );
  });

  it('drop parameters and sorts they do not know', () => {
    expect(read('?q=mdma&utm_source=mail&topic=ptsd&page=2&sort=random&fbclid=x&Design=rct')).toEqual({
      q: 'mdma',
      filters: { topic: ['ptsd'] },
      sort: 'relevance',
    });
  });

  it('read values separated by commas or repeated, trimmed, once each, and skip empty ones', () => {
    expect(read('?design=rct,cohort&design=rct&design=&design=+meta-analysis+&year=,&q=++x++')).toEqual({
      q: 'x',
      filters: { design: ['rct', 'cohort', 'meta-analysis'] },
      sort: 'relevance',
    });
  });

  it.each(sorts.map((sort) => sort.value))('read the sort %s', (sort) => {
    expect(read(`?sort=${sort}`).sort).toBe(sort);
  });
});

describe('pagefindOptions', () => {
  it('names every search facet, with no values when none is chosen', () => {
    expect(pagefindOptions({ q: '', filters: {}, sort: 'relevance' })).toEqual({
      filters: Object.fromEntries(searchFacets.map((name) => [name, { any: [] }])),
    });
  });

  it('passes the chosen values and the sort', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        const options = pagefindOptions(state);
        expect(Object.keys(options.filters)).toEqual([...searchFacets]);
        for (const name of searchFacets) expect(options.filters[name]).toEqual({ any: state.filters[name] ?? [] });
      }),
      { numRuns: 100 },
    );
  });

  it.each<[SearchState['sort'], Record<string, string> | undefined]>([
    ['relevance', undefined],
    ['year-desc', { year: 'desc' }],
    ['year-asc', { year: 'asc' }],
    ['n-desc', { n: 'desc' }],
  ])('sorts %s as %j', (sort, expected) => {
    expect(pagefindOptions({ q: 'x', filters: {}, sort }).sort).toEqual(expected);
  });

  it('sorts only by a facet the index has', () => {
    for (const sort of sorts) {
      const by = Object.keys(pagefindOptions({ q: '', filters: {}, sort: sort.value }).sort ?? {});
      for (const name of by) expect(searchFacets).toContain(name);
    }
  });

  it('gives lists of its own, so changing them leaves the state as it was', () => {
    const state: SearchState = { q: '', filters: { design: ['rct'] }, sort: 'relevance' };
    pagefindOptions(state).filters['design']?.any.push('cohort');
    expect(state.filters['design']).toEqual(['rct']);
  });
});

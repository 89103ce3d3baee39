/**
 * The search page: reads the query, filters and sort from the URL, searches with Pagefind, shows
 * the results and the count of each filter value, and writes every change back to the URL. The
 * "Filters" disclosure opens by itself on wide screens, where it sits beside the results, and
 * stays closed on phones, where it sits above them; its summary counts the chosen values.
 */
import { pagefindOptions, readSearchState, searchFacets, writeSearchState, type SearchState } from '../lib/search.ts';
import { loadPagefind, missingIndexMessage, type Pagefind } from './pagefind.ts';
import { renderResult } from './search-results.ts';

const pageSize = 20;
/** Where the filters have room beside the results (the layout's breakpoint in global.css). */
const wideScreen = '(min-width: 48rem)';

function formState(form: HTMLFormElement): SearchState {
  return readSearchState(new URLSearchParams(new FormData(form) as unknown as Record<string, string>));
}

function showState(form: HTMLFormElement, state: SearchState): void {
  const q = form.querySelector<HTMLInputElement>('input[name="q"]');
  if (q) q.value = state.q;
  const sort = form.querySelector<HTMLSelectElement>('select[name="sort"]');
  if (sort) sort.value = state.sort;
  for (const box of form.querySelectorAll<HTMLInputElement>('.facet input[type="checkbox"]')) {
    box.checked = (state.filters[box.name] ?? []).includes(box.value);
  }
}

/** Counts for each facet's values: for a facet with a selection, as if that facet were open. */
async function facetCounts(pagefind: Pagefind, state: SearchState, filters: Record<string, Record<string, number>>) {
  const counts: Record<string, Record<string, number>> = { ...filters };
  await Promise.all(
    searchFacets
      .filter((name) => (state.filters[name] ?? []).length > 0)
      .map(async (name) => {
        const { [name]: _open, ...others } = state.filters;
        const search = await pagefind.search(state.q || null, pagefindOptions({ ...state, filters: others }));
        if (search) counts[name] = search.filters[name] ?? {};
      }),
  );
  return counts;
}

export function attachSearchPage(form: HTMLFormElement): void {
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  const clear = form.querySelector<HTMLButtonElement>('[data-clear]');
  const filters = form.querySelector<HTMLDetailsElement>('details[data-search-filters]');
  const chosenCount = form.querySelector<HTMLElement>('[data-filter-count]');
  if (!status || !list) return;
  let generation = 0;

  if (filters) {
    const wide = window.matchMedia(wideScreen);
    filters.open = wide.matches;
    wide.addEventListener('change', () => (filters.open = wide.matches));
  }

  const run = async (state: SearchState) => {
    const current = ++generation;
    const chosen = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
    const filtered = chosen > 0;
    if (clear) clear.hidden = !filtered;
    if (chosenCount) chosenCount.textContent = filtered ? `(${chosen} chosen)` : '';
    if (!state.q && !filtered) {
      list.replaceChildren();
      status.textContent = 'Type a word or choose a filter.';
      for (const count of form.querySelectorAll<HTMLElement>('.facet-count'))
        count.textContent = count.dataset['total'] ?? '';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.search(state.q || null, pagefindOptions(state));
      if (!search || current !== generation) return;
      const counts = await facetCounts(pagefind, state, search.filters);
      const data = await Promise.all(search.results.slice(0, pageSize).map((result) => result.data()));
      if (current !== generation) return;
      list.replaceChildren(...data.map((each) => renderResult(each, { full: true })));
      for (const option of form.querySelectorAll<HTMLElement>('.facet-count')) {
        const facet = option.closest<HTMLElement>('[data-facet]')?.dataset['facet'] ?? '';
        option.textContent = String(counts[facet]?.[option.dataset['count'] ?? ''] ?? 0);
      }
      const total = search.results.length;
      const words = state.q ? ` for “${state.q}”` : '';
      const narrowed = filtered ? ' with the chosen filters' : '';
      status.textContent =
        total === 0
          ? `No results${words}${narrowed}.`
          : `${total} result${total === 1 ? '' : 's'}${words}${narrowed}${total > pageSize ? `, the first ${pageSize} shown` : ''}.`;
    } catch {
      if (current !== generation) return;
      list.replaceChildren();
      status.textContent = missingIndexMessage;
    }
  };

  const update = (push: boolean) => {
    const state = formState(form);
    const url = `${location.pathname}${writeSearchState(state)}`;
    if (url !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
    void run(state);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update(true);
  });
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('input[type="checkbox"], select')) update(true);
  });
  let timer = 0;
  form.querySelector('input[name="q"]')?.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => update(false), 200);
  });
  clear?.addEventListener('click', () => {
    for (const box of form.querySelectorAll<HTMLInputElement>('.facet input[type="checkbox"]')) box.checked = false;
    update(true);
    form.querySelector<HTMLInputElement>('input[name="q"]')?.focus();
  });
  window.addEventListener('popstate', () => {
    const state = readSearchState(new URLSearchParams(location.search));
    showState(form, state);
    void run(state);
  });

  const initial = readSearchState(new URLSearchParams(location.search));
  showState(form, initial);
  void run(initial);
}

/**
 * Filters of /studies/: hide the rows that do not match, keep the choice in the URL, and say
 * how many rows are shown. The filters are the facets of src/lib/facets.ts.
 */
import { facetAttribute, facetsOf } from '../lib/facets.ts';

const names = facetsOf('studies').map((facet) => facet.name);

export function attachStudyFilters(form: HTMLFormElement): void {
  const table = document.querySelector<HTMLTableElement>('#all-studies');
  const status = document.querySelector<HTMLElement>('[data-filter-status]');
  if (!table || !status) return;
  const rows = [...(table.tBodies[0]?.rows ?? [])];
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;

  const apply = () => {
    const chosen = names.map((name) => [name, select(name)?.value ?? ''] as const).filter(([, value]) => value);
    let shown = 0;
    for (const row of rows) {
      const match = chosen.every(([name, value]) =>
        (row.getAttribute(facetAttribute(name)) ?? '').split(' ').includes(value),
      );
      row.hidden = !match;
      if (match) shown++;
    }
    status.textContent =
      shown === rows.length ? `Showing all ${rows.length} studies.` : `Showing ${shown} of ${rows.length} studies.`;
    const params = new URLSearchParams(chosen.map(([name, value]) => [name, value]));
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  };

  const params = new URLSearchParams(location.search);
  for (const name of names) {
    const box = select(name);
    const value = params.get(name);
    if (box && value && [...box.options].some((option) => option.value === value)) box.value = value;
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  apply();
}

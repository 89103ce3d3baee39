/**
 * Filters of /studies/: hide the rows that do not match, keep the choice in the URL, and say
 * how many rows are shown.
 */
const names = ['topic', 'design', 'year', 'certainty'] as const;

export function attachStudyFilters(form: HTMLFormElement): void {
  const table = document.querySelector<HTMLTableElement>('#all-studies');
  const status = document.querySelector<HTMLElement>('[data-filter-status]');
  if (!table || !status) return;
  const rows = [...(table.tBodies[0]?.rows ?? [])];

  const apply = () => {
    const chosen = Object.fromEntries(
      names.map((name) => [name, (form.elements.namedItem(name) as HTMLSelectElement | null)?.value ?? '']),
    );
    let shown = 0;
    for (const row of rows) {
      const { topics = '', design, year, certainty } = row.dataset;
      const match =
        (!chosen['topic'] || topics.split(' ').includes(chosen['topic'])) &&
        (!chosen['design'] || design === chosen['design']) &&
        (!chosen['year'] || year === chosen['year']) &&
        (!chosen['certainty'] || certainty === chosen['certainty']);
      row.hidden = !match;
      if (match) shown++;
    }
    status.textContent =
      shown === rows.length ? `Showing all ${rows.length} studies.` : `Showing ${shown} of ${rows.length} studies.`;
    const params = new URLSearchParams();
    for (const name of names) if (chosen[name]) params.set(name, chosen[name] ?? '');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  };

  const params = new URLSearchParams(location.search);
  for (const name of names) {
    const select = form.elements.namedItem(name) as HTMLSelectElement | null;
    const value = params.get(name);
    if (select && value && [...select.options].some((option) => option.value === value)) select.value = value;
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  apply();
}

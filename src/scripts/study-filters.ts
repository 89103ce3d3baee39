/**
 * Filters of /studies/: hide the rows that do not match, keep the choice in the URL
 * (`/studies/?condition=ptsd&design=rct`), and say how many rows are shown. The filters are the
 * facets of src/lib/facets.ts.
 *
 * Each change is a new history entry, so Back and Forward step through the reader's choices (the
 * popstate handler puts the selects and the table back); arrowing through one select's options
 * makes one entry, not one per option. A value in the address that no option
 * has (`?topic=nope`, or a topic no study is on) is not applied quietly: a notice names it and
 * says the filter is left out.
 */
import { link } from '../data/links.ts';
import { facetAttribute, facetsOf } from '../lib/facets.ts';
import { writeSearchState } from '../lib/search.ts';

const facets = facetsOf('studies');
/**
 * Changes of one select this close together are one history step: the arrow keys change a
 * closed select option by option, and Back should not walk through every option passed.
 */
const stepWindow = 1500;
const names = facets.map((facet) => facet.name);

/** "topic", "participants (N)": a facet's label inside a sentence. */
const inSentence = (label: string) => `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
/** A value from the address, as the notice quotes it. */
const quoted = (value: string) => `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;

export function attachStudyFilters(form: HTMLFormElement): void {
  const table = document.querySelector<HTMLTableElement>('#all-studies');
  const status = document.querySelector<HTMLElement>('[data-filter-status]');
  if (!table || !status) return;
  const rows = [...(table.tBodies[0]?.rows ?? [])];
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;
  const everyYear = document.querySelector<HTMLAnchorElement>('[data-search-every-year] a');

  // Named values the list cannot filter by; announced, and visible until the reader chooses.
  const notice = document.createElement('p');
  notice.className = 'notice filter-notice';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  status.before(notice);

  const chosen = () =>
    names.map((name) => [name, select(name)?.value ?? ''] as const).filter(([, value]) => value !== '');

  const show = () => {
    const filters = chosen();
    let shown = 0;
    for (const row of rows) {
      const match = filters.every(([name, value]) =>
        (row.getAttribute(facetAttribute(name)) ?? '').split(' ').includes(value),
      );
      row.hidden = !match;
      if (match) shown++;
    }
    status.textContent =
      shown === rows.length ? `Showing all ${rows.length} studies.` : `Showing ${shown} of ${rows.length} studies.`;
    // One year of a split list: the link to search every year carries the same filters.
    if (everyYear) {
      const search = { kind: ['study'], ...Object.fromEntries(filters.map(([name, value]) => [name, [value]])) };
      everyYear.href = link.search(writeSearchState({ q: '', sort: 'relevance', filters: search }));
    }
  };

  /** Sets the selects from the address; says which values it names that no option has. */
  const readAddress = () => {
    const params = new URLSearchParams(location.search);
    const unknown: string[] = [];
    for (const facet of facets) {
      const box = select(facet.name);
      const value = params.get(facet.name) ?? '';
      if (!box) continue;
      const known = [...box.options].some((option) => option.value === value);
      box.value = known ? value : '';
      if (!known) unknown.push(`${inSentence(facet.label)} ${quoted(value)}`);
    }
    notice.textContent =
      unknown.length === 0
        ? ''
        : `No study in this list has the ${unknown.join(' or the ')} that the address asks for, so ${
            unknown.length === 1 ? 'that filter is' : 'those filters are'
          } left out.`;
    notice.hidden = unknown.length === 0;
  };

  /** The select last written to the history, and when: arrowing through one select is one step. */
  let last = { name: '', time: 0 };
  const writeAddress = (name: string) => {
    const query = new URLSearchParams(chosen().map(([each, value]) => [each, value])).toString();
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (url === `${location.pathname}${location.search}`) return;
    const now = Date.now();
    const again = name !== '' && name === last.name && now - last.time < stepWindow;
    history[again ? 'replaceState' : 'pushState'](null, '', url);
    last = { name, time: now };
  };

  const change = (event: Event) => {
    writeAddress(event.target instanceof HTMLSelectElement ? event.target.name : '');
    notice.hidden = true;
    notice.textContent = '';
    show();
  };
  form.addEventListener('change', change);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change(event);
  });
  window.addEventListener('popstate', () => {
    last = { name: '', time: 0 };
    readAddress();
    show();
  });
  readAddress();
  show();
}

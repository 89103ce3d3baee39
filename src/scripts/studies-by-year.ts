/**
 * The index of a study list split by year: an address with filters (`/studies/?topic=ptsd`, as
 * the evidence map and older links give) goes on to the search page with the same filters, which
 * looks at every year.
 */
import { link } from '../data/links.ts';
import { facetsOf } from '../lib/facets.ts';
import { writeSearchState } from '../lib/search.ts';

export function forwardFilters(): void {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string[]> = {};
  for (const { name } of facetsOf('studies')) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) filters[name] = values;
  }
  if (Object.keys(filters).length === 0) return;
  location.replace(
    link.search(writeSearchState({ q: '', sort: 'relevance', filters: { kind: ['study'], ...filters } })),
  );
}

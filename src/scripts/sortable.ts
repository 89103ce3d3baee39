/**
 * Sortable tables, as a progressive enhancement: each sortable column header gets a button;
 * pressing it sorts the rows by that column (again: the other way) and sets `aria-sort`.
 */
type Direction = 'ascending' | 'descending';

function sortBy(table: HTMLTableElement, column: number, kind: string, direction: Direction): void {
  const body = table.tBodies[0];
  if (!body) return;
  const value = (row: HTMLTableRowElement) => {
    const cell = row.cells[column];
    return cell?.dataset['value'] ?? cell?.textContent?.trim() ?? '';
  };
  const rows = [...body.rows];
  const sign = direction === 'ascending' ? 1 : -1;
  rows.sort((a, b) => {
    const compared = kind === 'number' ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
    return sign * compared;
  });
  body.append(...rows);
}

export function enhanceSortableTables(): void {
  for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    if (table.dataset['enhanced']) continue;
    table.dataset['enhanced'] = 'true';
    const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
    headers.forEach((header, column) => {
      const kind = header.dataset['sort'];
      if (!kind) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.textContent = header.textContent;
      header.replaceChildren(button);
      button.addEventListener('click', () => {
        // Numbers (year, N, certainty) read best largest first; text A to Z.
        const first: Direction = kind === 'number' ? 'descending' : 'ascending';
        const next: Direction =
          header.getAttribute('aria-sort') === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
        for (const other of headers) other.removeAttribute('aria-sort');
        header.setAttribute('aria-sort', next);
        sortBy(table, column, kind, next);
      });
    });
  }
}

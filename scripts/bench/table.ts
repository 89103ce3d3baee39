/** Tables for the benchmark's report: aligned text for the terminal, or Markdown for the docs. */

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], markdown = false): string {
  if (markdown) {
    const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const seconds = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} s`);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const ratio = (value: number | null | undefined) => (value == null ? '–' : `${value.toFixed(2)}×`);

// CSV for spreadsheets (RFC 4180 quoting). Volunteers type names and messages; a cell that a
// spreadsheet would read as a formula is defused with a leading quote (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // Numbers are ours, never typed by anyone: -3 stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line, without its line ending (join lines with `\r\n`). */
export function csvRow(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}

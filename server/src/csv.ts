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

/**
 * A whole CSV file from its lines (csvRow's): CRLF endings as RFC 4180 asks, and a byte-order
 * mark, so Excel opens the UTF-8 names (å, ä, ö) correctly.
 */
export function csvFile(lines: string[]): string {
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** Response headers for a CSV download: never cached (it holds personal data). */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  };
}

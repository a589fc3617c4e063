// CSV for spreadsheets (RFC 4180 quoting). Volunteers type names and notes; a field that a
// spreadsheet would read as a formula is defused with a leading quote (CSV injection).

/** The separators a spreadsheet may split on: ours, Swedish Excel's `;`, and tabs when text is pasted. */
export const CSV_SEPARATORS = { comma: ',', semicolon: ';' } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;

// A formula character at the start of the cell or wherever a spreadsheet may start a field inside
// it: after any separator it may split on, so a note "Trevlig;=1+1" is no formula in a
// `;`-splitting Excel whatever separator this file uses; and, since such a sheet sees our quotes
// mid-field, after a quote or a line break too. The lookbehind leaves a tab, CR or LF it defuses
// free to mark the next field.
const FORMULA_START = /(?<=^|[,;\t\r\n"])[=+\-@\t\r]/g;
// The same without the lookbehind, as a test: most cells have no such place, and one scan spares
// them the replace (the replace alone made a 100,000-row export ~4x slower).
const HAS_FORMULA_START = /(?:^|[,;\t\r\n"])[=+\-@\t\r]/;
// Every separator, quote or line break: the cell stays one field in any of those spreadsheets.
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // Numbers are ours, never typed by anyone: -3 stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = HAS_FORMULA_START.test(value) ? value.replace(FORMULA_START, "'$&") : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line, without its line ending (join lines with `\r\n`). */
export function csvRow(cells: (string | number | null)[], separator: CsvSeparator = 'comma'): string {
  return cells.map(csvCell).join(CSV_SEPARATORS[separator]);
}

/**
 * A whole CSV file from its lines (csvRow's): CRLF endings as RFC 4180 asks, and a byte-order
 * mark, so Excel opens the UTF-8 names (å, ä, ö) correctly.
 */
export function csvFile(lines: string[]): string {
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

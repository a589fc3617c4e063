// How a spreadsheet splits a CSV file on a separator, quote-aware as Excel does: a field that
// starts with a quote runs to its closing quote ("" inside is one quote), and whatever follows up
// to the next separator is appended as it stands; any other field runs to the next separator.
// Rows end at a CRLF outside quotes.

/**
 * What a spreadsheet may run as a formula: a field starting with = + - or @, also behind leading
 * tabs and line breaks (which some sheets strip first).
 */
export const FORMULA_START = /^[\t\r\n]*[=+\-@]/;

export function splitCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let started = false;
  const endField = () => {
    row.push(field);
    field = '';
    started = false;
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (!started && char === '"') {
      i += 1;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) {
        field += text[i];
        i += text[i] === '"' ? 2 : 1;
      }
      i += 1;
      started = true;
    } else if (char === separator) {
      endField();
      i += 1;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else {
      field += char;
      started = true;
      i += 1;
    }
  }
  if (started || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

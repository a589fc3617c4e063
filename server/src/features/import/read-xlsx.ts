import { readSheet } from 'read-excel-file/node';

/** An .xlsx file is a zip archive: it starts with the local-file-header signature "PK\3\4". */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A number typed into a cell (a phone number that lost its leading zero, an id) as its digits.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  return String(value);
}

/** The first sheet of an Excel workbook as records of text cells, numbered by their row (the header is row 1). */
export async function readXlsxRecords(bytes: Uint8Array): Promise<{ records: string[][]; lines: number[] }> {
  const rows = await readSheet(Buffer.from(bytes));
  const records: string[][] = [];
  const lines: number[] = [];
  rows.forEach((row, index) => {
    const cells = row.map(cellText);
    // Blank rows are skipped, as in a CSV; they still count as rows.
    if (cells.every((cell) => cell.trim() === '')) return;
    records.push(cells);
    lines.push(index + 1);
  });
  return { records, lines };
}

import { decodeFile } from '../import/decode.ts';
import { recogniseHeaders } from '../import/headers.ts';
import { ImportFileError } from '../import/import-error.ts';
import { readRecords } from '../import/read-records.ts';
import { detectSeparator } from '../import/separator.ts';

/**
 * The numbers in a do-not-call file, as typed: one number per line, or the column a header names
 * as a phone column (telefon, mobil, phone, …, as the contact import recognises them). The file
 * may be UTF-8 or Windows-1252, separated by semicolons, commas or tabs.
 */
export function numbersInFile(bytes: Uint8Array): string[] {
  const { text } = decodeFile(bytes);
  const { records } = readRecords(text, detectSeparator(text));
  const [header, ...rows] = records;
  if (!header) return [];
  const column = recogniseHeaders(header).mapping.phone;
  if (column !== undefined) {
    const at = header.indexOf(column);
    return rows.map((row) => (row[at] ?? '').trim()).filter((cell) => cell !== '');
  }
  const filled = records.map((record) => record.map((cell) => cell.trim()).filter((cell) => cell !== ''));
  // Without a header, only a single column says unambiguously which cell is the number.
  if (filled.some((cells) => cells.length > 1)) {
    throw new ImportFileError('Put one number on each line, or name the number column telefon or phone');
  }
  return filled.map((cells) => cells[0]!);
}

import type { AdjustedRow, AdjustReason, ImportMapping, ImportPreview, RejectedRow, RejectReason } from '@ringstuga/shared';
import { decodeFile } from './decode.ts';
import { districtFromCell } from '../districts/district.ts';
import { ABSENT, cellAt, missingColumn, resolveColumns, type Columns } from './columns.ts';
import { recogniseHeaders } from './headers.ts';
import { ImportFileError } from './import-error.ts';
import { languageFromCell, phoneFromCell, priorityFromCell, textFromCell } from './normalise-cell.ts';
import { readRecords } from './read-records.ts';
import { detectSeparator } from './separator.ts';

// The pure half of a list import: bytes in, contacts and rejected rows out, no database. Whole-
// file problems throw ImportFileError; a bad row is rejected with its line and the rest go on.

export interface ParsedContact {
  /** The row's line in the file; the header is line 1. */
  row: number;
  name: string;
  /** E.164. */
  phone: string;
  altPhone: string | null;
  votingDistrict: string | null;
  priority: 1 | 2 | 3;
  preferredLanguage: string | null;
  externalId: string | null;
}

export interface ParsedFile {
  preview: ImportPreview;
  contacts: ParsedContact[];
  rejected: RejectedRow[];
  /** Rows imported with a cell left out (a district that is none) or replaced (the number called). */
  adjusted: AdjustedRow[];
}

export interface ParseOptions {
  /** The leader's mapping; replaces the recognised one. */
  mapping?: ImportMapping;
  /** True for a number that must not be called (the association's do-not-call register). */
  doNotCall?: (e164: string) => boolean;
  /**
   * A preview: a file whose name or number column is not known yet still shows its headers and
   * rows (with no contacts), so the column can be chosen. Otherwise that is an ImportFileError.
   */
  preview?: boolean;
}

const SAMPLE_ROWS = 5;
const WHITESPACE = /\s+/g;

const trimmed = (cell: string): string => cell.trim();

function nameOf(cells: string[], columns: Columns): string {
  const name =
    columns.name === ABSENT
      ? `${cellAt(cells, columns.firstName)} ${cellAt(cells, columns.lastName)}`.trim()
      : cellAt(cells, columns.name);
  // A card shows the name on one line; quoted cells may hold line breaks.
  return name.replace(WHITESPACE, ' ');
}

interface NumberCell {
  e164: string;
  /** As written in the file, for the report. */
  cell: string;
}

type RowNumbers =
  | { phone: NumberCell; altPhone: NumberCell | null; /** The first number's cell, when the second is called instead. */ firstCell?: string }
  | { reason: 'missing_phone' | 'invalid_phone'; value?: string };

/**
 * The number to call and the second one. The first number is called; when it is missing or
 * invalid and the second is valid, the second is called instead (and the row says so). A bad
 * second number is a bonus lost: it is dropped, the contact stays.
 */
function numbersOf(cells: string[], columns: Columns): RowNumbers {
  const firstCell = cellAt(cells, columns.phone);
  const secondCell = cellAt(cells, columns.altPhone);
  const first = phoneFromCell(firstCell);
  const second = phoneFromCell(secondCell);
  const secondNumber = second === null || second === first ? null : { e164: second, cell: secondCell };
  if (first !== null) return { phone: { e164: first, cell: firstCell }, altPhone: secondNumber };
  if (secondNumber !== null) return { phone: secondNumber, altPhone: null, firstCell };
  if (firstCell === '' && secondCell === '') return { reason: 'missing_phone' };
  return { reason: 'invalid_phone', value: firstCell === '' ? secondCell : firstCell };
}

/** Reads an uploaded CSV contact list: what it looks like, the contacts in it, and the rows left out. */
export function parseContactsFile(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const { text, encoding } = decodeFile(bytes);
  const separator = detectSeparator(text);
  const { records, lines } = readRecords(text, separator);
  return parseContactRecords(records, lines, { encoding, separator }, options);
}

/**
 * The rows of a file already split into cells (a CSV's records or a spreadsheet's rows), with
 * each record's line in the file; records[0] is the header.
 */
export function parseContactRecords(
  records: string[][],
  lines: number[],
  format: Pick<ImportPreview, 'encoding' | 'separator'>,
  options: ParseOptions = {},
): ParsedFile {
  const { encoding, separator } = format;
  const headerCells = records[0];
  if (headerCells === undefined) throw new ImportFileError('The file is empty', { reason: 'file_empty' });
  if (records.length === 1) throw new ImportFileError('The file has a header line but no rows', { reason: 'file_without_rows' });

  const headers = headerCells.map(trimmed);
  const recognised = recogniseHeaders(headers);
  const mapping = options.mapping ?? recognised.mapping;
  const columns = resolveColumns(headers, mapping, recognised.nameParts);
  const doNotCall = options.doNotCall;
  const preview: ImportPreview = {
    encoding,
    separator,
    headers,
    mapping,
    rows: records.length - 1,
    sample: records.slice(1, 1 + SAMPLE_ROWS).map((cells) => cells.map(trimmed)),
  };
  const missing = missingColumn(columns);
  if (missing && options.preview) return { preview, contacts: [], rejected: [], adjusted: [] };
  if (missing) throw missing;

  const contacts: ParsedContact[] = [];
  const rejected: RejectedRow[] = [];
  const adjusted: AdjustedRow[] = [];
  // Only accepted numbers: when the first row of a number is rejected, a later one can still stand.
  const accepted = new Set<string>();
  const reject = (row: number, reason: RejectReason, value?: string): void => {
    rejected.push(value === undefined ? { row, reason } : { row, reason, value });
  };
  const adjust = (row: number, reason: AdjustReason, value: string): void => {
    adjusted.push(value === '' ? { row, reason } : { row, reason, value });
  };

  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    const row = lines[i]!;
    const name = nameOf(cells, columns);
    if (name === '') { reject(row, 'missing_name'); continue; }
    const numbers = numbersOf(cells, columns);
    if ('reason' in numbers) { reject(row, numbers.reason, numbers.value); continue; }
    const { phone, altPhone } = numbers;
    const priorityCell = cellAt(cells, columns.priority);
    const priority = priorityFromCell(priorityCell);
    if (priority === null) { reject(row, 'invalid_priority', priorityCell); continue; }
    // Either number on the register: the person asked not to be called, whichever line rings.
    const registered = [phone, altPhone].findIndex((number) => number !== null && doNotCall?.(number.e164));
    if (registered !== -1) { reject(row, 'do_not_call', [phone, altPhone][registered]!.cell); continue; }
    if (accepted.has(phone.e164)) { reject(row, 'duplicate_in_file', phone.cell); continue; }
    accepted.add(phone.e164);
    if (numbers.firstCell !== undefined) adjust(row, 'called_on_second_number', numbers.firstCell);
    const districtCell = cellAt(cells, columns.votingDistrict);
    // A district that is none is left out and the person still imported: a missing district only
    // costs a line in the district figures, a missing contact costs the call. The report says so.
    const district = districtFromCell(districtCell);
    if (district.problem !== undefined) adjust(row, district.problem, districtCell);
    contacts.push({
      row,
      name,
      phone: phone.e164,
      altPhone: altPhone?.e164 ?? null,
      votingDistrict: district.district ?? null,
      priority,
      preferredLanguage: languageFromCell(cellAt(cells, columns.preferredLanguage)),
      externalId: textFromCell(cellAt(cells, columns.externalId)),
    });
  }

  return { preview, contacts, rejected, adjusted };
}

import type { ImportMapping, ImportPreview, RejectedRow, RejectReason } from '@ringstuga/shared';
import { decodeFile } from './decode.ts';
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
  if (headerCells === undefined) throw new ImportFileError('The file is empty');
  if (records.length === 1) throw new ImportFileError('The file has a header line but no rows');

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
  if (missing && options.preview) return { preview, contacts: [], rejected: [] };
  if (missing) throw new ImportFileError(missing);

  const contacts: ParsedContact[] = [];
  const rejected: RejectedRow[] = [];
  // Only accepted numbers: when the first row of a number is rejected, a later one can still stand.
  const accepted = new Set<string>();
  const reject = (row: number, reason: RejectReason, value?: string): void => {
    rejected.push(value === undefined ? { row, reason } : { row, reason, value });
  };

  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    const row = lines[i]!;
    const name = nameOf(cells, columns);
    if (name === '') { reject(row, 'missing_name'); continue; }
    const phoneCell = cellAt(cells, columns.phone);
    if (phoneCell === '') { reject(row, 'missing_phone'); continue; }
    const phone = phoneFromCell(phoneCell);
    if (phone === null) { reject(row, 'invalid_phone', phoneCell); continue; }
    const priorityCell = cellAt(cells, columns.priority);
    const priority = priorityFromCell(priorityCell);
    if (priority === null) { reject(row, 'invalid_priority', priorityCell); continue; }
    if (doNotCall?.(phone)) { reject(row, 'do_not_call', phoneCell); continue; }
    if (accepted.has(phone)) { reject(row, 'duplicate_in_file', phoneCell); continue; }
    accepted.add(phone);
    contacts.push({
      row,
      name,
      phone,
      // A second number is a bonus: a bad one is dropped, the contact stays.
      altPhone: phoneFromCell(cellAt(cells, columns.altPhone)),
      votingDistrict: textFromCell(cellAt(cells, columns.votingDistrict)),
      priority,
      preferredLanguage: languageFromCell(cellAt(cells, columns.preferredLanguage)),
      externalId: textFromCell(cellAt(cells, columns.externalId)),
    });
  }

  return { preview, contacts, rejected };
}

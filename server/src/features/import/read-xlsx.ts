import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import { ImportFileError, ImportTooLargeError } from './import-error.ts';
import { MAX_IMPORT_ROWS, tooManyRows } from './limits.ts';
import { openWorkbookZip, type WorkbookZip } from './read-zip.ts';

// An .xlsx file's first sheet as rows of text cells, read as a stream: the sheet's XML goes
// through a SAX parser as it inflates and is never held whole (a 500,000-row sheet is ~80 MB of
// XML). read-excel-file inflated every part into memory first, with no limit, so it could not
// be made safe against a zip bomb; what it did for us (shared strings, cell types, columns by
// reference) is the few rules below. Dates come as Excel's serial numbers: no field of a
// contact is a date.

const BROKEN_WORKBOOK = 'The workbook cannot be read: its sheet is damaged. Open it in Excel and save it again as .xlsx, or save it as CSV';
const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/worksheet$/;
const SHARED_STRINGS = /\/sharedStrings$/;
/**
 * A cell further right is refused: its row would be an array that long, so one "ZZZZZZZ1" is
 * gigabytes in one allocation, which no heap limit can turn into a failed import (V8 ends the
 * process). Excel's own last column is XFD, the 16,384th; no list needs a thousand.
 */
const MAX_COLUMNS = 1_000;

/** An .xlsx file is a zip archive: it starts with the local-file-header signature "PK\3\4". */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

interface PartListener {
  /** Tags by their local name: some writers prefix every one (`<x:row>`). */
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Feeds a part's XML through a SAX parser as it inflates. Malformed XML is a damaged file. */
async function parsePart(zip: WorkbookZip, name: string, listener: PartListener): Promise<void> {
  const parser = new SaxesParser();
  const { open, close, text } = listener;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) parser.on('text', text);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of zip.stream(name)) parser.write(decoder.decode(chunk, { stream: true }));
    parser.write(decoder.decode()).close();
  } catch (error) {
    if (error instanceof ImportTooLargeError || error instanceof ImportFileError) throw error;
    throw new ImportFileError(BROKEN_WORKBOOK, { reason: 'workbook_damaged' });
  }
}

/** A part's relationships: id → part name, with the type of each. */
async function relationships(zip: WorkbookZip, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const rels = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
  if (!zip.has(rels)) return [];
  const found: { id: string; type: string; target: string }[] = [];
  await parsePart(zip, rels, {
    open(tag, attributes) {
      if (tag !== 'Relationship') return;
      const target = attributes.Target ?? '';
      // Targets are relative to the part's folder, or absolute from the package root.
      const resolved = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(part), target);
      found.push({ id: attributes.Id ?? '', type: attributes.Type ?? '', target: resolved });
    },
  });
  return found;
}

/** Where the first sheet and the shared strings are, by the workbook's own relationships. */
async function locateParts(zip: WorkbookZip): Promise<{ sheet: string; sharedStrings: string | undefined }> {
  const workbook = (await relationships(zip, '')).find((rel) => OFFICE_DOCUMENT.test(rel.type))?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbook)) throw new ImportFileError(BROKEN_WORKBOOK, { reason: 'workbook_damaged' });
  let firstSheetId: string | undefined;
  await parsePart(zip, workbook, {
    open(tag, attributes) {
      if (tag !== 'sheet' || firstSheetId !== undefined) return;
      // The relationship id, under whatever prefix the writer gave its namespace (usually r:).
      firstSheetId = Object.entries(attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1] ?? '';
    },
  });
  const rels = await relationships(zip, workbook);
  const sheet = rels.find((rel) => rel.id === firstSheetId && WORKSHEET.test(rel.type))?.target;
  if (sheet === undefined || !zip.has(sheet)) throw new ImportFileError('The workbook has no sheet', { reason: 'workbook_without_sheet' });
  const sharedStrings = rels.find((rel) => SHARED_STRINGS.test(rel.type))?.target;
  return { sheet, sharedStrings: sharedStrings !== undefined && zip.has(sharedStrings) ? sharedStrings : undefined };
}

/** The workbook's shared strings: each <si>'s text runs joined, phonetic guides (<rPh>) left out. */
async function readSharedStrings(zip: WorkbookZip, name: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (name === undefined) return strings;
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await parsePart(zip, name, {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 'rPh') inPhonetic = true;
      else if (tag === 't') inText = !inPhonetic;
    },
    text(text) {
      if (inText) current += text;
    },
    close(tag) {
      if (tag === 'si') strings.push(current);
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 't') inText = false;
    },
  });
  return strings;
}

/** "BC12" → 54 (0-based column); undefined without a reference. */
function columnOf(reference: string | undefined): number | undefined {
  if (!reference) return undefined;
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    // Far enough to be refused; more letters would only lose precision.
    if (column > MAX_COLUMNS) break;
  }
  return column === 0 ? undefined : column - 1;
}

function cellText(type: string, value: string, shared: string[]): string {
  if (type === 's') return shared[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  if (type === 'str' || type === 'inlineStr' || type === 'e') return value;
  // A number typed into a cell (a phone number that lost its leading zero, an id) as its digits.
  const number = Number(value);
  if (value === '' || Number.isNaN(number)) return value;
  return Number.isInteger(number) ? String(number) : String(number).replace('.', ',');
}

/** The first sheet of an Excel workbook as records of text cells, numbered by their row (the header is row 1). */
export async function readXlsxRecords(bytes: Uint8Array): Promise<{ records: string[][]; lines: number[] }> {
  const zip = await openWorkbookZip(bytes);
  const { sheet, sharedStrings } = await locateParts(zip);
  const shared = await readSharedStrings(zip, sharedStrings);
  const records: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let rowNumber = 0;
  let cell: { column: number; type: string; value: string } | undefined;
  let inValue = false;

  await parsePart(zip, sheet, {
    open(tag, attributes) {
      if (tag === 'row') {
        row = [];
        rowNumber = Number(attributes.r) || rowNumber + 1;
      } else if (tag === 'c') {
        const column = columnOf(attributes.r) ?? row.length;
        if (column >= MAX_COLUMNS) {
          throw new ImportFileError(
            `The sheet has a cell beyond its ${MAX_COLUMNS.toLocaleString('en')}th column; an import reads no further. Delete the columns the list does not need`,
            { reason: 'workbook_too_wide', params: { max: MAX_COLUMNS } },
          );
        }
        cell = { column, type: attributes.t ?? 'n', value: '' };
      } else if (tag === 'v' || tag === 't') {
        inValue = cell !== undefined;
      }
    },
    text(text) {
      if (inValue && cell) cell.value += text;
    },
    close(tag) {
      if (tag === 'v' || tag === 't') inValue = false;
      else if (tag === 'c' && cell) {
        while (row.length < cell.column) row.push('');
        row[cell.column] = cellText(cell.type, cell.value, shared);
        cell = undefined;
      } else if (tag === 'row') {
        // Blank rows are skipped, as in a CSV; they still count as rows.
        if (row.every((text) => text.trim() === '')) return;
        // The header is not a row of the list.
        if (records.length > MAX_IMPORT_ROWS) throw tooManyRows();
        records.push(row);
        lines.push(rowNumber);
      }
    },
  });
  return { records, lines };
}

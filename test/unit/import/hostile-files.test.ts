import type { RejectedRow } from '@ringstuga/shared';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { ImportFileError, ImportTooLargeError } from '../../../server/src/features/import/import-error.ts';
import { MAX_IMPORT_ROWS, REJECTED_ROWS_SHOWN } from '../../../server/src/features/import/limits.ts';
import { parseContactsFile } from '../../../server/src/features/import/parse-contacts.ts';
import { readXlsxRecords } from '../../../server/src/features/import/read-xlsx.ts';
import { mergeReports, reportRows } from '../../../server/src/features/import/row-report.ts';
import { fakeWorkbook, manyRowsFile, workbookWithSheet, zipArchive, zipBombWorkbook } from '../../factories/import-files.ts';

// Files that must fail one import, quickly and with a clear reason, and never take the server's
// memory: zip bombs, zips that lie, files that are no zip, more rows than an import takes.

const MB = 1024 * 1024;

describe('reading a workbook: the zip is checked before it is inflated', () => {
  it('refuses a zip bomb (300 MB of spaces in ~300 KB) from its central directory, as too large', { timeout: 60_000 }, async () => {
    const bomb = zipBombWorkbook();
    expect(bomb.length).toBeLessThan(1 * MB);
    await expect(readXlsxRecords(bomb)).rejects.toThrow(ImportTooLargeError);
    // Under the per-part limit, the ratio gives it away.
    await expect(readXlsxRecords(zipBombWorkbook({ inflatedMb: 150 }))).rejects.toThrow(/zip bomb/);
  });

  it('stops a part that inflates to more than it claims, while it inflates', { timeout: 60_000 }, async () => {
    const liar = zipBombWorkbook({ inflatedMb: 40, claimedMb: 1 });
    await expect(readXlsxRecords(liar)).rejects.toThrow(/inflates to more than the file says/);
  });

  it('refuses a part that claims more than the per-part limit, and parts that claim more than the total', async () => {
    const noise = Buffer.alloc(3 * MB);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2_654_435_761) >>> 24;
    const huge = zipArchive([{ name: 'xl/worksheets/sheet1.xml', data: noise, deflate: false, claimedSize: 250 * MB }]);
    await expect(readXlsxRecords(huge)).rejects.toThrow(/inflates to 250 MB/);
    const many = zipArchive(
      Array.from({ length: 2 }, (_, i) => ({ name: `xl/part${i}.xml`, data: noise, deflate: false, claimedSize: 160 * MB })),
    );
    await expect(readXlsxRecords(many)).rejects.toThrow(/inflate to more than 300 MB/);
  });

  it('answers a file that starts like a zip but is none, and a truncated workbook, as a file it cannot read', async () => {
    await expect(readXlsxRecords(fakeWorkbook())).rejects.toThrow(ImportFileError);
    await expect(readXlsxRecords(Buffer.from('Namn;Telefon\nAnna;0701234567\n'))).rejects.toThrow(/not an Excel workbook/);
    const workbook = await writeExcelFile([[{ value: 'Namn' }], [{ value: 'Anna' }]]).toBuffer();
    await expect(readXlsxRecords(workbook.subarray(0, Math.floor(workbook.length / 2)))).rejects.toThrow(ImportFileError);
  });

  it('reads shared strings, inline strings, numbers and gaps between cells by their reference', async () => {
    const workbook = await writeExcelFile([
      [{ value: 'Namn' }, { value: 'Mobil' }, { value: 'Id' }],
      [{ value: 'Åsa & Öberg' }, { value: 707654321 }, { value: 1.5 }],
      [null, null, null],
      [{ value: 'Bo' }, null, { value: 'x' }],
    ]).toBuffer();
    expect(await readXlsxRecords(workbook)).toEqual({
      records: [['Namn', 'Mobil', 'Id'], ['Åsa & Öberg', '707654321', '1,5'], ['Bo', '', 'x']],
      lines: [1, 2, 4],
    });
  });
});

describe('reading a sheet as its writers write it', () => {
  it('reads a sheet whose every tag carries a namespace prefix (<x:row>), as the OpenXML SDK writes it', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const cell = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;
    const sheet = `<x:worksheet ${ns}><x:sheetData><x:row r="1">${cell('A1', 'Namn')}${cell('B1', 'Telefon')}</x:row><x:row r="2">${cell('A2', 'Åsa')}<x:c r="B2"><x:v>701234567</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(await readXlsxRecords(workbookWithSheet(sheet))).toEqual({ records: [['Namn', 'Telefon'], ['Åsa', '701234567']], lines: [1, 2] });
  });
});

describe('the rows an import takes', () => {
  it(`refuses a CSV of more than ${MAX_IMPORT_ROWS} rows as too large, and takes exactly that many`, { timeout: 60_000 }, () => {
    const row = (i: number) => `Person ${i};070${String(1_000_000 + i).slice(-7)}`;
    expect(() => parseContactsFile(manyRowsFile(MAX_IMPORT_ROWS + 1, row))).toThrow(ImportTooLargeError);
    expect(parseContactsFile(manyRowsFile(MAX_IMPORT_ROWS, () => 'Utan Nummer;')).rejected).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('counts rows, not lines: blank lines and line breaks inside quoted cells do not count, quoted rows past the cap do', { timeout: 60_000 }, () => {
    const row = (i: number) => `Person ${i};070${String(1_000_000 + i).slice(-7)}`;
    // Every tenth row's name is quoted across two lines: more lines than the cap, as many rows as it.
    const multiLine = manyRowsFile(MAX_IMPORT_ROWS, (i) => (i % 10 ? row(i) : `"Person ${i}\nandra raden";070${String(1_000_000 + i).slice(-7)}`));
    expect(parseContactsFile(multiLine).contacts).toHaveLength(MAX_IMPORT_ROWS);
    // More lines than the cap, every 40th of them blank (as spreadsheets write them), fewer rows.
    const lines = MAX_IMPORT_ROWS + 5_000;
    const blankLines = manyRowsFile(lines, (i) => (i % 40 ? row(i) : ';;'));
    expect(parseContactsFile(blankLines).contacts).toHaveLength(lines - Math.ceil(lines / 40));
    const quotedTooMany = manyRowsFile(MAX_IMPORT_ROWS + 1, (i) => `"Person ${i}";070${String(1_000_000 + i).slice(-7)}`);
    expect(() => parseContactsFile(quotedTooMany)).toThrow(ImportTooLargeError);
  });
});

describe('the report on rejected (or adjusted) rows', () => {
  it(`lists the first ${REJECTED_ROWS_SHOWN} rejected rows in file order and counts them all per reason`, () => {
    const parsed = reportRows(
      Array.from({ length: 5_000 }, (_, i) => ({ row: i + 2, reason: i % 2 ? ('missing_phone' as const) : ('invalid_phone' as const), value: 'x' })),
    );
    const planned = reportRows<RejectedRow>([{ row: 3, reason: 'duplicate_in_file' }, { row: 9_999, reason: 'duplicate_in_file' }]);
    const report = mergeReports(parsed, planned);
    expect(report.rows).toHaveLength(REJECTED_ROWS_SHOWN);
    expect(report.rows.slice(0, 3).map((row) => [row.row, row.reason])).toEqual([
      [2, 'invalid_phone'],
      [3, 'missing_phone'],
      [3, 'duplicate_in_file'],
    ]);
    expect(report.count).toBe(5_002);
    expect(report.byReason).toEqual({ invalid_phone: 2_500, missing_phone: 2_500, duplicate_in_file: 2 });
  });
});

describe('a sheet that would make one huge allocation', () => {
  it('refuses a cell far beyond any list’s columns instead of growing its row to that length', async () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c><c r="ZZZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>';
    await expect(readXlsxRecords(workbookWithSheet(sheet))).rejects.toThrow(/beyond its 1,000th column/);
  });
});

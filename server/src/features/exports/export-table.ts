import writeExcelFile, { type Cell, type CellObject } from 'write-excel-file/node';
import { csvFile, csvRow, type CsvSeparator } from '../../csv.ts';
import { localMinutes, wallClock } from './campaign-clock.ts';

// Every export is one table, written as CSV or as an Excel workbook from the same columns, so
// the two formats never drift apart.

/**
 * `text`: as typed, never a number or a formula (names, notes, phone numbers, ids: a leading zero
 * or + stays); `number`: our own counts; `time`: epoch ms, shown on the campaign's clock.
 */
export type ColumnType = 'text' | 'number' | 'time';
export type ExportValue = string | number | null;

export interface ExportColumn<Row> {
  header: string;
  type: ColumnType;
  /** The workbook's column width, in characters. */
  width: number;
  /** Decimals a number is written with, in both formats. */
  decimals?: number;
  value: (row: Row) => ExportValue;
}

export interface ExportTable<Row> {
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** The CSV file: a BOM, CRLF lines, times as `yyyy-MM-dd HH:mm`, cells defused by csvRow. */
export function tableToCsv<Row>(table: ExportTable<Row>, options: { timeZone: string; separator: CsvSeparator }): string {
  const local = localMinutes(options.timeZone);
  const cell = (column: ExportColumn<Row>, row: Row): ExportValue => {
    const value = column.value(row);
    if (value === null) return null;
    if (column.type === 'time') return local(Number(value));
    if (column.type === 'text') return String(value);
    return column.decimals === undefined ? value : Number(value).toFixed(column.decimals);
  };
  const header = csvRow(table.columns.map((column) => column.header), options.separator);
  const lines = table.rows.map((row) => csvRow(table.columns.map((column) => cell(column, row)), options.separator));
  return csvFile([header, ...lines]);
}

/**
 * The workbook: typed cells (text stays a string, so `=x` is no formula and `+46…` no number),
 * times as dates on the campaign's clock, the header row frozen and the columns sized.
 */
export async function tableToXlsx<Row>(table: ExportTable<Row>, options: { timeZone: string; sheet: string }): Promise<Buffer> {
  const wall = wallClock(options.timeZone);
  const cell = (column: ExportColumn<Row>, row: Row): Cell => {
    const value = column.value(row);
    if (value === null) return null;
    if (column.type === 'text') return { type: String, value: String(value) } satisfies CellObject;
    if (column.type === 'time') return { type: Date, value: wall(Number(value)), format: TIME_FORMAT } satisfies CellObject;
    const format = column.decimals ? `0.${'0'.repeat(column.decimals)}` : undefined;
    return { type: Number, value: Number(value), ...(format ? { format } : {}) } satisfies CellObject;
  };
  const header = table.columns.map((column): Cell => ({ type: String, value: column.header, fontWeight: 'bold' }));
  const data = [header, ...table.rows.map((row) => table.columns.map((column) => cell(column, row)))];
  return writeExcelFile(data, {
    sheet: options.sheet,
    columns: table.columns.map((column) => ({ width: column.width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

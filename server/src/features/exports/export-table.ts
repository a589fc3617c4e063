import { csvFile, csvRow, type CsvSeparator } from '../../csv.ts';
import { localMinutes, wallClock } from './campaign-clock.ts';
import type { ColumnType, ExportValue } from './export-value.ts';
import { writeWorkbookInWorker } from './run-workbook.ts';

// Every export is one table, written as CSV or as an Excel workbook from the same columns, so
// the two formats never drift apart.

export type { ColumnType, ExportValue } from './export-value.ts';

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

/** The workbook (see workbook.ts), written in a worker thread: values here, cells and XML there. */
export function tableToXlsx<Row>(table: ExportTable<Row>, options: { timeZone: string; sheet: string }): Promise<Buffer> {
  const wall = wallClock(options.timeZone);
  const value = (column: ExportColumn<Row>, row: Row): ExportValue => {
    const raw = column.value(row);
    return column.type === 'time' && raw !== null ? wall(Number(raw)).getTime() : raw;
  };
  return writeWorkbookInWorker({
    sheet: options.sheet,
    columns: table.columns.map(({ header, type, width, decimals }) => ({ header, type, width, ...(decimals === undefined ? {} : { decimals }) })),
    rows: table.rows.map((row) => table.columns.map((column) => value(column, row))),
  });
}

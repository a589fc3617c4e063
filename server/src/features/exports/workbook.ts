import writeExcelFile, { type Cell } from 'write-excel-file/node';
import type { ColumnType, ExportValue } from './export-value.ts';

// Writing a workbook is slow (about 15 s for 100,000 rows of 8 columns on this machine, most of it
// XML and deflate), so it runs in a worker thread (workbook-worker.ts): this module is what the
// worker runs, given plain values, with no database or clock of its own.

export interface WorkbookJob {
  sheet: string;
  columns: { header: string; type: ColumnType; width: number; decimals?: number }[];
  /** Values in column order; a `time` is already moved to the campaign's wall clock (epoch ms read as UTC). */
  rows: ExportValue[][];
}

const TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** Typed cells (text stays a string, so `=x` is no formula and `+46…` no number), the header row frozen, the columns sized. */
export async function writeWorkbook(job: WorkbookJob): Promise<Buffer> {
  const cells = job.columns.map((column) => {
    const format = column.type === 'time' ? TIME_FORMAT : column.decimals ? `0.${'0'.repeat(column.decimals)}` : undefined;
    return (value: ExportValue): Cell => {
      if (value === null) return null;
      if (column.type === 'text') return { type: String, value: String(value) };
      if (column.type === 'time') return { type: Date, value: new Date(Number(value)), format };
      return { type: Number, value: Number(value), ...(format ? { format } : {}) };
    };
  });
  const header = job.columns.map((column): Cell => ({ type: String, value: column.header, fontWeight: 'bold' }));
  const data = [header, ...job.rows.map((row) => row.map((value, index) => cells[index]!(value)))];
  return writeExcelFile(data, { sheet: job.sheet, columns: job.columns.map(({ width }) => ({ width })), stickyRowsCount: 1 }).toBuffer();
}

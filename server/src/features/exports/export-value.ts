// What an export's cells hold, shared by the table (export-table.ts) and the worker that writes
// the workbook (workbook.ts), so neither imports the other.

/**
 * `text`: as typed, never a number or a formula (names, notes, phone numbers, ids: a leading zero
 * or + stays); `number`: our own counts; `time`: epoch ms, shown on the campaign's clock.
 */
export type ColumnType = 'text' | 'number' | 'time';
export type ExportValue = string | number | null;

import type { ImportResult } from '@ringstuga/shared';
import { REJECTED_ROWS_SHOWN } from './limits.ts';

/**
 * What an import says about the rows it rejected or adjusted: the first ones, each with its line
 * and reason, and a count per reason. 400,000 rejected rows answered one by one were 16 MB of JSON
 * built on the server's thread; rejections are counted where the rows are read (the worker).
 */
export interface RowReport<Row extends { row: number; reason: string }> {
  rows: Row[];
  count: number;
  byReason: Partial<Record<Row['reason'], number>>;
}

type Row = { row: number; reason: string };

/** The report on some rows: at most the first REJECTED_ROWS_SHOWN in file order, all of them counted. */
export function reportRows<R extends Row>(rows: readonly R[]): RowReport<R> {
  const byReason: Partial<Record<R['reason'], number>> = {};
  for (const { reason } of rows) byReason[reason as R['reason']] = (byReason[reason as R['reason']] ?? 0) + 1;
  // Rows come in file order already: sorting what is sorted is one pass.
  return { rows: [...rows].sort((x, y) => x.row - y.row).slice(0, REJECTED_ROWS_SHOWN), count: rows.length, byReason };
}

/** Two reports on one file as one: the first rows of both in file order, the counts added. */
export function mergeReports<R extends Row>(a: RowReport<R>, b: RowReport<R>): RowReport<R> {
  const byReason = { ...a.byReason };
  for (const [reason, count] of Object.entries(b.byReason) as [R['reason'], number][]) byReason[reason] = (byReason[reason] ?? 0) + count;
  const rows = [...a.rows, ...b.rows].sort((x, y) => x.row - y.row).slice(0, REJECTED_ROWS_SHOWN);
  return { rows, count: a.count + b.count, byReason };
}

/** The answer's fields for the rejected and the adjusted rows. */
export function reportFields(
  rejected: RowReport<ImportResult['rejected'][number]>,
  adjusted: RowReport<ImportResult['adjusted'][number]>,
): Pick<ImportResult, 'rejected' | 'rejectedCount' | 'rejectedByReason' | 'adjusted' | 'adjustedCount' | 'adjustedByReason'> {
  return {
    rejected: rejected.rows,
    rejectedCount: rejected.count,
    rejectedByReason: rejected.byReason,
    adjusted: adjusted.rows,
    adjustedCount: adjusted.count,
    adjustedByReason: adjusted.byReason,
  };
}

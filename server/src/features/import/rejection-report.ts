import type { ImportResult, RejectedRow } from '@ringstuga/shared';
import { REJECTED_ROWS_SHOWN } from './limits.ts';

/**
 * What an import says about the rows it left out: the first ones, each with its line and reason,
 * and a count per reason. 400,000 rejected rows answered one by one were 16 MB of JSON built on
 * the server's thread; the report is built where the rows are read (the parser's worker).
 */
export type RejectionReport = Pick<ImportResult, 'rejected' | 'rejectedCount' | 'rejectedByReason'>;

/** The report on a file's rejected rows. */
export function reportRejections(rows: readonly RejectedRow[]): RejectionReport {
  const rejectedByReason: RejectionReport['rejectedByReason'] = {};
  for (const { reason } of rows) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
  // Rows come in file order already: sorting what is sorted is one pass.
  const rejected = [...rows].sort((x, y) => x.row - y.row).slice(0, REJECTED_ROWS_SHOWN);
  return { rejected, rejectedCount: rows.length, rejectedByReason };
}

/** Two reports on one file as one: the first rows of both in file order, the counts added. */
export function mergeRejections(a: RejectionReport, b: RejectionReport): RejectionReport {
  const rejectedByReason = { ...a.rejectedByReason };
  for (const [reason, count] of Object.entries(b.rejectedByReason) as [keyof typeof rejectedByReason, number][]) {
    rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + count;
  }
  const rejected = [...a.rejected, ...b.rejected].sort((x, y) => x.row - y.row).slice(0, REJECTED_ROWS_SHOWN);
  return { rejected, rejectedCount: a.rejectedCount + b.rejectedCount, rejectedByReason };
}

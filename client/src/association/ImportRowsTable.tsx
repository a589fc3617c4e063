import type { AdjustedRow, ImportResult, RejectedRow } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';

type ReportedRow = RejectedRow | AdjustedRow;

/** The server's report on one kind of row: the first ones (at most 1,000), their number in all and per reason. */
export interface RowReport {
  kind: 'rejected' | 'adjusted';
  rows: readonly ReportedRow[];
  count: number;
  byReason: Partial<Record<ReportedRow['reason'], number>>;
}

export function rejectedReport(result: ImportResult): RowReport {
  return { kind: 'rejected', rows: result.rejected, count: result.rejectedCount, byReason: result.rejectedByReason };
}

export function adjustedReport(result: ImportResult): RowReport {
  return { kind: 'adjusted', rows: result.adjusted, count: result.adjustedCount, byReason: result.adjustedByReason };
}

interface ImportRowsTableProps {
  caption: string;
  report: RowReport;
  /** At most this many rows are drawn. */
  limit: number;
  testId: string;
  /** Said when there is no row; without it, no rows draw nothing. */
  empty?: string;
}

/**
 * The rows left out of an import (or imported with a change): their line in the file, why in the
 * page's language, and what was read; past the rows drawn, "and N more" with the count per reason.
 */
export function ImportRowsTable({ caption, report, limit, testId, empty }: ImportRowsTableProps) {
  const { t } = useTranslation();
  if (report.count === 0) return empty === undefined ? null : <p className="muted">{empty}</p>;
  const shown = report.rows.slice(0, limit);
  const more = report.count - shown.length;
  // The most common reason first.
  const reasons = (Object.entries(report.byReason) as [ReportedRow['reason'], number][])
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a);
  return (
    <div className="table-scroll">
      <table className="data-table rejected-rows" data-testid={testId}>
        <caption>
          {caption}
          {more > 0 && (
            <span className="muted caption-note">
              {' '}
              {t('listImport.rejectedCut', { shown: formatCount(shown.length), total: formatCount(report.count) })}
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('listImport.row')}
            </th>
            <th scope="col">{t('listImport.reason')}</th>
            <th scope="col">{t('listImport.value')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={`${row.row}-${row.reason}`} data-reason={row.reason}>
              <th scope="row" className="num">
                {row.row}
              </th>
              <td>{t(`listImport.reasons.${row.reason}`)}</td>
              <td className="cell-value">{row.value ?? t('format.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && (
        <div className="rejected-more" data-testid={`${testId}-more`}>
          <p>{t(report.kind === 'rejected' ? 'listImport.rejectedMore' : 'listImport.adjustedMore', { count: more, more: formatCount(more) })}</p>
          <ul>
            {reasons.map(([reason, count]) => (
              <li key={reason} data-reason={reason}>
                {t(`listImport.reasons.${reason}`)}: {formatCount(count)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

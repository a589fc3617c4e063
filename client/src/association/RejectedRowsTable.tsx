import { REJECT_REASONS, type ImportResult } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';

interface RejectedRowsTableProps {
  caption: string;
  /** The server's report: the first rejected rows (at most 1,000), their number in all and per reason. */
  report: Pick<ImportResult, 'rejected' | 'rejectedCount' | 'rejectedByReason'>;
  /** At most this many rows are drawn. */
  limit: number;
  testId: string;
}

/**
 * The rows left out of an import: their line in the file, why in the page's language, and what
 * was read; past the rows drawn, "and N more" with the count per reason.
 */
export function RejectedRowsTable({ caption, report, limit, testId }: RejectedRowsTableProps) {
  const { t } = useTranslation();
  if (report.rejectedCount === 0) return <p className="muted">{t('listImport.rejectedNone')}</p>;
  const shown = report.rejected.slice(0, limit);
  const more = report.rejectedCount - shown.length;
  return (
    <div className="table-scroll">
      <table className="data-table rejected-rows" data-testid={testId}>
        <caption>
          {caption}
          {more > 0 && (
            <span className="muted caption-note">
              {' '}
              {t('listImport.rejectedCut', { shown: formatCount(shown.length), total: formatCount(report.rejectedCount) })}
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
          <p>{t('listImport.rejectedMore', { count: more, more: formatCount(more) })}</p>
          <ul>
            {REJECT_REASONS.filter((reason) => (report.rejectedByReason[reason] ?? 0) > 0).map((reason) => (
              <li key={reason} data-reason={reason}>
                {t(`listImport.reasons.${reason}`)}: {formatCount(report.rejectedByReason[reason] ?? 0)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

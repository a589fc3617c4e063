import type { AdjustedRow, RejectedRow } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';

interface RejectedRowsTableProps {
  caption: string;
  rows: readonly (RejectedRow | AdjustedRow)[];
  /** At most this many rows are drawn: a 100,000-row file can reject thousands. */
  limit: number;
  testId: string;
}

/**
 * The rows left out of an import (or imported with a change): their line in the file, why in the
 * page's language, and what was read. Without `empty`, no rows draw nothing.
 */
export function RejectedRowsTable({ caption, rows, limit, testId, empty }: RejectedRowsTableProps & { empty?: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return empty === undefined ? null : <p className="muted">{empty}</p>;
  const shown = rows.slice(0, limit);
  return (
    <div className="table-scroll">
      <table className="data-table rejected-rows" data-testid={testId}>
        <caption>
          {caption}
          {shown.length < rows.length && (
            <span className="muted caption-note">
              {' '}
              {t('listImport.rejectedCut', { shown: formatCount(shown.length), total: formatCount(rows.length) })}
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
    </div>
  );
}

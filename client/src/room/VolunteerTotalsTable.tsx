import type { VolunteerTotalsRow as TotalsRow } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDecimal } from '../lib/format-number.ts';

export const TOTALS_COLUMNS = [
  'volunteers',
  'shifts',
  'volunteerHours',
  'attempts',
  'answered',
  'conversations',
  'attemptsPerVolunteerHour',
] as const satisfies readonly (keyof TotalsRow)[];
export type TotalsColumn = (typeof TOTALS_COLUMNS)[number];

export function formatTotal(t: TFunction, row: TotalsRow, column: TotalsColumn): string {
  if (column === 'attemptsPerVolunteerHour') {
    return row.attemptsPerVolunteerHour === null ? t('format.none') : formatDecimal(row.attemptsPerVolunteerHour);
  }
  if (column === 'volunteerHours') return formatDecimal(row.volunteerHours);
  return formatCount(row[column]);
}

interface VolunteerTotalsTableProps {
  caption: string;
  /** The first column's heading: "Förening" or "Rum". */
  nameHeader: string;
  rows: readonly (TotalsRow & { id: number | null; name: string })[];
  testId: string;
}

/** One row per association or room, in the server's order: a group's figures, never a ranking. */
export function VolunteerTotalsTable({ caption, nameHeader, rows, testId }: VolunteerTotalsTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table volunteer-totals-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {TOTALS_COLUMNS.map((column) => (
              <th key={column} scope="col" className="num">
                {t(`volunteerTotals.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={TOTALS_COLUMNS.length + 1} className="muted">
                {t('volunteerTotals.empty')}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.id ?? 'district'} data-key={row.id ?? 'district'}>
              <th scope="row">{row.id === null ? t('volunteerTotals.wholeDistrict') : row.name}</th>
              {TOTALS_COLUMNS.map((column) => (
                <td key={column} className="num" data-column={column}>
                  {formatTotal(t, row, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

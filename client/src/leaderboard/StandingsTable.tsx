import type { StandingRow } from '@ringstuga/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDecimal, formatShare } from '../lib/format-number.ts';
import {
  nextSort,
  sortStandingRows,
  STANDING_COLUMNS,
  type StandingColumn,
  type StandingPeriod,
  type StandingSort,
} from './standing-sort.ts';

interface StandingsTableProps {
  rows: readonly StandingRow[];
  period: StandingPeriod;
  /** The first column's heading: "Kommun" or "Förening". */
  nameHeader: string;
  caption: string;
  columns?: readonly StandingColumn[];
  /** Column headers become sort buttons; off on the read-only big screen. */
  sortable?: boolean;
  /** Show only the first rows (after sorting), with their place. */
  limit?: number;
  testId?: string;
}

const DEFAULT_SORT: StandingSort = { column: 'conversations', direction: 'descending' };

function cell(row: StandingRow, period: StandingPeriod, column: StandingColumn): string {
  const figures = row[period];
  if (column === 'coverage') return formatShare(figures.personsCalled, figures.contacts);
  if (column === 'volunteerHours') return formatDecimal(figures.volunteerHours);
  return formatCount(figures[column]);
}

/** Municipalities or associations side by side; the room sorts it, the big screen shows a top list. */
export function StandingsTable(props: StandingsTableProps) {
  const { t } = useTranslation();
  const { rows, period, nameHeader, caption, columns = STANDING_COLUMNS, sortable = true, limit, testId } = props;
  const [sort, setSort] = useState<StandingSort>(DEFAULT_SORT);
  const sorted = sortStandingRows(rows, period, sort);
  const shown = limit === undefined ? sorted : sorted.slice(0, limit);
  if (shown.length === 0) return <p className="muted">{t('standings.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="standings data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {limit !== undefined && <th scope="col" className="num">{t('standings.rank')}</th>}
            <th scope="col">{nameHeader}</th>
            {columns.map((column) => {
              const active = sort.column === column;
              return (
                <th key={column} scope="col" className="num" aria-sort={sortable && active ? sort.direction : undefined}>
                  {sortable ? (
                    <button
                      type="button"
                      className="sort-button"
                      title={t('standings.sortBy', { column: t(`standings.${column}`) })}
                      onClick={() => setSort(nextSort(sort, column))}
                    >
                      {t(`standings.${column}`)}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.direction === 'descending' ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  ) : (
                    t(`standings.${column}`)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, index) => (
            <tr key={row.key} data-key={row.key}>
              {limit !== undefined && <td className="num">{index + 1}</td>}
              <th scope="row">
                {row.name}
                {row.municipality && <span className="muted standings-municipality"> {row.municipality}</span>}
              </th>
              {columns.map((column) => (
                <td key={column} className="num" data-column={column}>
                  {cell(row, period, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

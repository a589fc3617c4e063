import type { QuestionView } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';
import type { Bar } from '../charts/BarChart.tsx';

interface AnswersTableProps {
  caption: string;
  placeHeader: string;
  /** The columns: the question's values, as the chart has them. */
  columns: readonly Bar[];
  rows: { key: string; name: string; values: Record<string, number> }[];
  question: QuestionView;
}

/** One question's answers per place (municipality or voting district): a row each, a column per value. */
export function AnswersTable({ caption, placeHeader, columns, rows, question }: AnswersTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table answers-table" data-question={question.key}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{placeHeader}</th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="num">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="muted">
                {t('answers.noneYet')}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.key} data-place={row.key}>
              <th scope="row">{row.name}</th>
              {columns.map((column) => (
                <td key={column.key} className="num" data-value={column.key}>
                  {formatCount(row.values[column.key] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

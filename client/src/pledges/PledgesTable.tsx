import { useTranslation } from 'react-i18next';
import type { PledgeProgress } from './pledges-api.ts';

/** Everyone's pledges: shifts promised by a date, booked, attended and still to go (attended ones count). */
export function PledgesTable({ pledges, labelledBy }: { pledges: PledgeProgress[]; labelledBy: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className="data-table" data-testid="pledges-table">
        <thead>
          <tr>
            <th scope="col">{t('pledges.name')}</th>
            <th scope="col" className="num">{t('pledges.shifts')}</th>
            <th scope="col">{t('pledges.by')}</th>
            <th scope="col" className="num">{t('pledges.booked')}</th>
            <th scope="col" className="num">{t('pledges.attended')}</th>
            <th scope="col" className="num">{t('pledges.toGo')}</th>
          </tr>
        </thead>
        <tbody>
          {pledges.map((pledge) => (
            <tr key={pledge.id} data-testid={`pledge-row-${pledge.id}`}>
              <td>{pledge.name}</td>
              <td className="num">{pledge.shifts}</td>
              <td>{pledge.by}</td>
              <td className="num" data-figure="booked">{pledge.booked}</td>
              <td className="num" data-figure="attended">{pledge.attended}</td>
              <td className="num" data-figure="toGo">{Math.max(0, pledge.shifts - pledge.attended)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

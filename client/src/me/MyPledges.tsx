import { useTranslation } from 'react-i18next';
import type { Me } from '../signup/signup-api.ts';

/** Each pledge: shifts attended and booked of those promised, by its date. */
export function MyPledges({ pledges }: { pledges: Me['pledges'] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="my-pledges-heading">
      <h2 id="my-pledges-heading">{t('me.pledgesHeading')}</h2>
      <ul className="pledge-list">
        {pledges.map((pledge) => (
          <li key={pledge.id} data-testid={`pledge-${pledge.id}`}>
            <p>{t('me.pledgeLine', { shifts: pledge.shifts, by: pledge.by, attended: pledge.attended, booked: pledge.booked })}</p>
            <progress max={pledge.shifts} value={Math.min(pledge.attended, pledge.shifts)} aria-label={t('me.pledgeProgress', { shifts: pledge.shifts })} />
          </li>
        ))}
      </ul>
    </section>
  );
}

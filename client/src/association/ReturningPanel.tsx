import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format-time.ts';
import { fetchReturning } from './returning-api.ts';
import { useLoaded } from '../lib/use-loaded.ts';

const WEEK_CHOICES = [2, 4, 8, 12] as const;

/** "Called last time, not booked this time": who came before and has booked nothing since, to ring first. */
export function ReturningPanel({ token, associationId }: { token: string; associationId: number }) {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<number>(4);
  const returning = useLoaded(useCallback((signal: AbortSignal) => fetchReturning(token, associationId, weeks, signal), [token, associationId, weeks]));

  return (
    <section className="panel" aria-labelledby="returning-heading" data-testid="returning-panel">
      <h2 id="returning-heading">{t('returning.heading')}</h2>
      <p className="muted">{t('returning.hint')}</p>
      <div className="field returning-weeks">
        <label htmlFor="returning-weeks">{t('returning.weeksLabel')}</label>
        <select id="returning-weeks" value={weeks} onChange={(event) => setWeeks(Number(event.target.value))}>
          {WEEK_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t('returning.weeks', { count: choice })}
            </option>
          ))}
        </select>
      </div>
      {returning.error && (
        <p className="command-error" role="alert">
          {returning.error}
        </p>
      )}
      {returning.data?.length === 0 && <p className="muted">{t('returning.none')}</p>}
      {returning.data && returning.data.length > 0 && (
        <ul className="returning-list" data-testid="returning-list">
          {returning.data.map((volunteer) => (
            <li key={volunteer.id} data-testid={`returning-${volunteer.id}`}>
              <span className="returning-name">{volunteer.name}</span>
              <span className="muted">
                {t('returning.came', { count: volunteer.attended, last: formatDateTime(volunteer.lastSessionAt) })}
              </span>
              <span className="returning-contacts">
                {volunteer.phone && <a href={`tel:${volunteer.phone}`}>{volunteer.phone}</a>}
                {volunteer.email && <a href={`mailto:${volunteer.email}`}>{volunteer.email}</a>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

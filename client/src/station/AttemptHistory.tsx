import type { Attempt } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format-time.ts';

interface AttemptHistoryProps {
  attempts: number;
  history: readonly Attempt[];
}

/** Earlier calls, newest first, with the notes earlier callers left. */
export function AttemptHistory({ attempts, history }: AttemptHistoryProps) {
  const { t } = useTranslation();
  const newestFirst = history.toSorted((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <section className="history" aria-labelledby="history-heading">
      <h3 id="history-heading">
        {t('contact.historyHeading', { count: Math.max(attempts, history.length) })}
      </h3>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('contact.noHistory')}</p>
      ) : (
        <ol className="history-list">
          {newestFirst.map((attempt, index) => (
            <li key={`${attempt.at}-${index}`}>
              <div className="history-head">
                <span className={`badge badge-${attempt.outcome}`}>{t(`outcomes.${attempt.outcome}`)}</span>
                <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>
                {attempt.callbackAt && (
                  <span className="muted">
                    {t('contact.callbackWas', { time: formatDateTime(attempt.callbackAt) })}
                  </span>
                )}
              </div>
              {attempt.note && <blockquote className="history-note">{attempt.note}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

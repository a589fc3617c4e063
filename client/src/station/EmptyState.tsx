import type { EmptyReason } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format-time.ts';

interface EmptyStateProps {
  reason: EmptyReason;
  nextAvailableAt?: string;
  onRetry: () => void;
}

/** Says why nothing is offered; the page keeps asking on its own (see useAutoRetry). */
export function EmptyState({ reason, nextAvailableAt, onRetry }: EmptyStateProps) {
  const { t } = useTranslation();
  return (
    <section className="panel empty" aria-labelledby="empty-heading">
      <h2 id="empty-heading">{t('empty.heading')}</h2>
      <p>{t(`empty.reasons.${reason}`)}</p>
      {nextAvailableAt && (
        <p>
          {t('empty.nextAvailable', { time: formatDateTime(nextAvailableAt) })}
        </p>
      )}
      <p className="muted">{t('empty.autoRetry')}</p>
      <button type="button" onClick={onRetry}>
        {t('empty.retryNow')}
      </button>
    </section>
  );
}

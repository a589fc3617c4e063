import type { EmptyReason } from '@ringstuga/shared';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatDateTime } from '../lib/format-time.ts';

interface EmptyStateProps {
  reason: EmptyReason;
  nextAvailableAt?: string;
  onRetry: () => void;
}

/** Says why nothing is offered; the page keeps asking on its own (see useAutoRetry). */
export function EmptyState({ reason, nextAvailableAt, onRetry }: EmptyStateProps) {
  return (
    <section className="panel empty" aria-labelledby="empty-heading">
      <h2 id="empty-heading">{sv.empty.heading}</h2>
      <p>{sv.empty.reasons[reason]}</p>
      {nextAvailableAt && (
        <p>
          {interpolate(sv.empty.nextAvailable, { time: formatDateTime(nextAvailableAt) })}
        </p>
      )}
      <p className="muted">{sv.empty.autoRetry}</p>
      <button type="button" onClick={onRetry}>
        {sv.empty.retryNow}
      </button>
    </section>
  );
}

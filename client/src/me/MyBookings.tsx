import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../lib/format-time.ts';
import { cancelBooking, type Me } from '../signup/signup-api.ts';
import { readCancelRequest, withoutCancelRequest } from './cancel-request.ts';

type Booking = Me['bookings'][number];
const CANCELLABLE = new Set<Booking['status']>(['booked', 'waitlisted']);

/** Once the question is answered the address loses `cancel=`, so a reload does not ask again. */
function forgetCancelRequest(): void {
  const hash = withoutCancelRequest(window.location.hash);
  if (hash !== null) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
}

const when = (booking: Booking) => `${formatDateTime(booking.startsAt)}–${formatTime(booking.endsAt)}`;

/**
 * The bookings, each cancellable once asked. A cancel link from an email only opens the question:
 * mail scanners open links, so nothing is cancelled until the person says yes.
 */
export function MyBookings({ token, bookings, onChanged }: { token: string; bookings: Booking[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<number | null>(() => {
    const requested = readCancelRequest(window.location.hash);
    return bookings.some((booking) => booking.id === requested && CANCELLABLE.has(booking.status)) ? requested : null;
  });
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const asked = bookings.find((booking) => booking.id === asking);

  const answer = async (yes: boolean) => {
    if (!asked || sending) return;
    forgetCancelRequest();
    if (!yes) {
      setAsking(null);
      return;
    }
    setSending(true);
    const result = await cancelBooking(token, asked.id);
    setSending(false);
    setAsking(null);
    setOutcome(result.ok ? { ok: true, text: t('me.cancelled', { when: when(asked) }) } : { ok: false, text: result.message });
    onChanged();
  };

  return (
    <section className="panel" aria-labelledby="my-bookings-heading">
      <h2 id="my-bookings-heading">{t('me.bookingsHeading')}</h2>
      {asked && (
        <div className="cancel-prompt" role="alertdialog" aria-labelledby="cancel-question" data-testid="cancel-prompt">
          <p id="cancel-question">{t('me.cancelQuestion', { when: when(asked), room: asked.room })}</p>
          <div className="button-row">
            <button type="button" className="primary" aria-disabled={sending} ref={(button) => button?.focus()} onClick={() => void answer(true)}>
              {t('me.cancelYes')}
            </button>
            <button type="button" onClick={() => void answer(false)}>
              {t('me.cancelNo')}
            </button>
          </div>
        </div>
      )}
      <p className={outcome?.ok === false ? 'command-error' : 'notice'} aria-live="polite">
        {outcome?.text ?? ''}
      </p>
      {bookings.length === 0 ? (
        <p className="muted">{t('me.noBookings')}</p>
      ) : (
        <ul className="booking-list">
          {bookings.map((booking) => (
            <li key={booking.id} className={`booking booking-${booking.status}`} data-testid={`booking-${booking.id}`}>
              <span className="session-when">{when(booking)}</span>
              <span className="session-where">{booking.address ? `${booking.room}, ${booking.address}` : booking.room}</span>
              <span className="booking-status" data-status={booking.status}>
                {booking.sessionCancelled ? t('me.sessionCancelled') : t(`me.status.${booking.status}`)}
              </span>
              {CANCELLABLE.has(booking.status) && (
                <button type="button" onClick={() => setAsking(booking.id)} aria-label={t('me.cancelOne', { when: when(booking) })}>
                  {t('me.cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionPicker } from '../signup/SessionPicker.tsx';
import { bookMore, fetchMySessions, type Me, type SignupOffer } from '../signup/signup-api.ts';

const HELD = new Set<Me['bookings'][number]['status']>(['booked', 'waitlisted', 'attended', 'no_show']);

/** More sessions from the personal page: the upcoming ones, those already held shown but not offered. */
export function BookMorePanel({ token, bookings, onBooked }: { token: string; bookings: Me['bookings']; onBooked: () => void }) {
  const { t } = useTranslation();
  const [sessions, setSessions] = useState<SignupOffer['sessions'] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const taken = new Set(bookings.filter((booking) => HELD.has(booking.status)).map((booking) => booking.sessionId));

  // Fetched again whenever the bookings change, so the free places stay as they are.
  useEffect(() => {
    const controller = new AbortController();
    void fetchMySessions(token, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setSessions(result.data);
      else setMessage({ ok: false, text: result.message });
    });
    return () => controller.abort();
  }, [token, bookings]);

  const book = async () => {
    if (chosen.size === 0) {
      setMessage({ ok: false, text: t('signup.needSessions') });
      return;
    }
    const result = await bookMore(token, [...chosen]);
    if (!result.ok) {
      setMessage({ ok: false, text: result.message });
      return;
    }
    setChosen(new Set());
    setMessage({ ok: true, text: t('me.bookedMore', { count: result.data.bookings.length }) });
    onBooked();
  };

  return (
    <section className="panel" aria-labelledby="book-more-heading" data-testid="book-more">
      <h2 id="book-more-heading">{t('me.bookMoreHeading')}</h2>
      {sessions && (
        <SessionPicker
          sessions={sessions}
          chosen={chosen}
          taken={taken}
          onToggle={(sessionId, on) =>
            setChosen((current) => {
              const next = new Set(current);
              if (on) next.add(sessionId);
              else next.delete(sessionId);
              return next;
            })
          }
        />
      )}
      <button type="button" className="primary" onClick={() => void book()}>
        {t('me.bookMore')}
      </button>
      <p className={message?.ok === false ? 'command-error' : 'notice'} aria-live="polite">
        {message?.text ?? ''}
      </p>
    </section>
  );
}

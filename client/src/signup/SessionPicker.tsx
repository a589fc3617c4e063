import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../lib/format-time.ts';
import type { SignupOffer } from './signup-api.ts';
import { byWeek } from './weeks.ts';

type OfferedSession = SignupOffer['sessions'][number];

interface SessionPickerProps {
  sessions: OfferedSession[];
  chosen: ReadonlySet<number>;
  onToggle: (sessionId: number, on: boolean) => void;
  /** Sessions already booked (on the personal page): shown, not offered again. */
  taken?: ReadonlySet<number>;
  describedBy?: string;
}

/** Upcoming sessions by week, each a checkbox saying when, where and how many places are free. */
export function SessionPicker({ sessions, chosen, onToggle, taken, describedBy }: SessionPickerProps) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <p className="muted">{t('signup.noSessions')}</p>;
  return (
    <div className="session-weeks" aria-describedby={describedBy}>
      {byWeek(sessions.toSorted((a, b) => a.startsAt.localeCompare(b.startsAt))).map((group) => (
        <fieldset key={group.key} className="session-week">
          <legend>{t('signup.week', { week: group.week })}</legend>
          <ul className="session-list">
            {group.items.map((session) => {
              const already = taken?.has(session.id) ?? false;
              const when = `${formatDateTime(session.startsAt)}–${formatTime(session.endsAt)}`;
              return (
                <li key={session.id}>
                  <label className="check session-choice" data-testid={`session-${session.id}`}>
                    <input
                      type="checkbox"
                      checked={already || chosen.has(session.id)}
                      disabled={already}
                      onChange={(event) => onToggle(session.id, event.target.checked)}
                    />
                    <span className="session-text">
                      <span className="session-when">{when}</span>
                      <span className="session-where">{session.address ? `${session.room}, ${session.address}` : session.room}</span>
                      <span className={session.free > 0 ? 'session-free' : 'session-full'}>
                        {already
                          ? t('signup.alreadyBooked')
                          : session.free > 0
                            ? t('signup.free', { count: session.free })
                            : t('signup.fullWaitlist')}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}

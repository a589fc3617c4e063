import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AskOnce } from '../lib/AskOnce.tsx';
import { formatCount, formatDecimal } from '../lib/format-number.ts';
import { formatDateTime } from '../lib/format-time.ts';
import { timeAt } from './calendar.ts';
import { cancelSession, type PlannedSession } from './planning-api.ts';
import { RefusalText } from './RefusalText.tsx';
import type { Refusal } from './refusal.ts';
import { SessionEditForm } from './SessionEditForm.tsx';

interface SessionCellProps {
  token: string;
  session: PlannedSession;
  now: number;
  showRoom: boolean;
  /** The room's stations, the most a session may hold; null when unknown. */
  stations: number | null;
  onChanged: () => void;
}

/** One session: its time and places; once ended, who came and what they did; before, edit and cancel. */
export function SessionCell({ token, session, now, showRoom, stations, onChanged }: SessionCellProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'cancel'>('view');
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const ended = Date.parse(session.endsAt) <= now;
  const span = `${timeAt(session.startsAt)}–${timeAt(session.endsAt)}`;
  const when = formatDateTime(session.startsAt);

  const cancel = async () => {
    if (sending) return;
    setSending(true);
    const result = await cancelSession(token, session.id);
    setSending(false);
    if (!result.ok) {
      setRefusal({ lead: t('planning.cancelFailed'), detail: result.message });
      return;
    }
    setMode('view');
    onChanged();
  };

  return (
    <article
      className={`planning-session${session.warning ? ' planning-session-warning' : ''}${ended ? ' planning-session-ended' : ''}`}
      data-testid={`session-${session.id}`}
      aria-label={t('planning.sessionLabel', { when, room: session.room })}
    >
      <p className="planning-session-time">{span}</p>
      {showRoom && <p className="planning-session-room">{session.room}</p>}
      {session.warning && (
        <p className="planning-warning" data-testid="session-warning">
          <span aria-hidden="true">⚠ </span>
          {t('planning.warning')}
        </p>
      )}
      <p data-figure="booked">{t('planning.booked', { booked: session.booked, capacity: session.capacity })}</p>
      {session.waitlisted > 0 && <p data-figure="waitlisted">{t('planning.waitlisted', { count: session.waitlisted })}</p>}
      {session.teams.length > 0 && (
        <ul className="planning-teams" aria-label={t('planning.teams')}>
          {session.teams.map((team) => (
            <li key={team.id}>{t('planning.team', { association: team.association, taken: team.taken, places: team.places })}</li>
          ))}
        </ul>
      )}
      {ended ? (
        <div className="planning-after" data-testid="session-after">
          <p>{t('planning.attended', { attended: session.attended, booked: session.booked })}</p>
          <p>{t('planning.effort', { hours: formatDecimal(session.hours), attempts: formatCount(session.attempts) })}</p>
        </div>
      ) : mode === 'edit' ? (
        <SessionEditForm
          token={token}
          session={session}
          stations={stations}
          onDone={(saved) => {
            setMode('view');
            if (saved) onChanged();
          }}
        />
      ) : mode === 'cancel' ? (
        <AskOnce
          id={`cancel-question-${session.id}`}
          question={t('planning.cancelQuestion', { when, count: session.booked + session.waitlisted })}
          yes={t('planning.cancelYes')}
          no={t('planning.cancelNo')}
          busy={sending}
          onAnswer={(yes) => (yes ? void cancel() : setMode('view'))}
        />
      ) : (
        <div className="button-row planning-session-actions">
          <button type="button" onClick={() => setMode('edit')} aria-label={t('planning.editOne', { when })}>
            {t('planning.edit')}
          </button>
          <button type="button" onClick={() => setMode('cancel')} aria-label={t('planning.cancelOne', { when })}>
            {t('planning.cancel')}
          </button>
        </div>
      )}
      <RefusalText refusal={refusal} />
    </article>
  );
}

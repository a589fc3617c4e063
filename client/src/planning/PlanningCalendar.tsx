import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/locale.ts';
import { useNow } from '../lib/use-now.ts';
import { byDay, type CalendarDay, type CalendarWeek } from './calendar.ts';
import type { PlannedSession, RoomSummary } from './planning-api.ts';
import { SessionCell } from './SessionCell.tsx';

interface PlanningCalendarProps {
  token: string;
  weeks: CalendarWeek[];
  /** null until the first answer. */
  sessions: PlannedSession[] | null;
  error: string | null;
  rooms: RoomSummary[];
  /** Every room at once: each cell names its room. */
  showRoom: boolean;
  /** Moves by whole weeks; 0 goes back to this week. */
  onMove: (weeks: number) => void;
  weeksPerPage: number;
  onChanged: () => void;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** E.g. "mån 30 nov" or "Mon 30 Nov": a calendar date, whatever the zone (it is one already). */
function formatDay(day: CalendarDay): string {
  const locale = currentLocale();
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}

/**
 * Weeks as rows of days, Monday to Sunday, each day its sessions. A list of lists underneath: on a
 * narrow screen it reads top to bottom, empty days left out.
 */
export function PlanningCalendar({ token, weeks, sessions, error, rooms, showRoom, onMove, weeksPerPage, onChanged }: PlanningCalendarProps) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const days = byDay(sessions ?? []);
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  return (
    <section className="panel planning-calendar" aria-labelledby="planning-calendar-heading" aria-busy={sessions === null && !error}>
      <div className="planning-calendar-top">
        <h2 id="planning-calendar-heading">{t('planning.calendarHeading', { first: first.week, last: last.week })}</h2>
        <div className="button-row planning-nav">
          <button type="button" onClick={() => onMove(-weeksPerPage)}>
            {t('planning.previousWeeks')}
          </button>
          <button type="button" onClick={() => onMove(0)}>
            {t('planning.thisWeek')}
          </button>
          <button type="button" onClick={() => onMove(weeksPerPage)}>
            {t('planning.nextWeeks')}
          </button>
        </div>
      </div>
      <p className="muted">{t('planning.calendarHint')}</p>
      {error && (
        <p className="command-error" role="alert">
          {t('planning.calendarFailed')} <span className="alert-detail">{error}</span>
        </p>
      )}
      {sessions?.length === 0 && <p className="muted">{t('planning.noSessions')}</p>}
      <div className="planning-weeks" data-testid="planning-calendar">
        {weeks.map((week) => (
          <section key={week.days[0]!.key} className="planning-week" aria-labelledby={`week-${week.days[0]!.key}`}>
            <h3 id={`week-${week.days[0]!.key}`} className="planning-week-title">
              {t('planning.week', { week: week.week })}
            </h3>
            <ol className="planning-days">
              {week.days.map((day) => {
                const today = days.get(day.key) ?? [];
                return (
                  <li key={day.key} className={today.length === 0 ? 'planning-day planning-day-empty' : 'planning-day'} data-day={day.key}>
                    <h4 className="planning-date">{formatDay(day)}</h4>
                    {today.length > 0 && (
                      <ul className="planning-sessions">
                        {today.map((session) => (
                          <li key={session.id}>
                            <SessionCell
                              token={token}
                              session={session}
                              now={now}
                              showRoom={showRoom}
                              stations={rooms.find((room) => room.id === session.roomId)?.stations ?? null}
                              onChanged={onChanged}
                            />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}

import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Figures, Pace } from '@ringstuga/shared';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { ALL_TIME, HOUR_MS, localDay, perVolunteerHour, SHIFT_MS_SQL, toHours } from '../figures/campaign-figures.ts';

// The room's pace: the last hour from the calls (an indexed range of ~minutes of rows), everything
// else from activity_hours, which the outcome counts in the same transaction, so nothing here
// grows with the campaign's calls.

interface HourRow extends Figures {
  hour_start: number;
}

const zero = (): Figures => ({ attempts: 0, answered: 0, conversations: 0 });
function addInto(target: Figures, row: Figures): void {
  target.attempts += row.attempts;
  target.answered += row.answered;
  target.conversations += row.conversations;
}

export function createPaceRepo(sqlite: Database, options: { timeZone: string }) {
  const { timeZone } = options;
  const lastHour = sqlite.prepare(
    `SELECT COUNT(*) AS attempts, COALESCE(SUM(k.outcome IN (${REACHED_SQL})), 0) AS answered,
            COALESCE(SUM(k.outcome IN (${CONVERSATION_SQL})), 0) AS conversations
     FROM calls k JOIN stations s ON s.id = k.station_id
     WHERE k.ended_at > @from AND k.ended_at <= @now AND (@room IS NULL OR s.room_id = @room)`,
  );
  const hours = sqlite.prepare(
    `SELECT hour_start, SUM(attempts) AS attempts, SUM(answered) AS answered, SUM(conversations) AS conversations
     FROM activity_hours
     WHERE hour_start >= @from AND hour_start < @to AND (@room IS NULL OR room_id = @room)
     GROUP BY hour_start ORDER BY hour_start`,
  );
  const shiftMs = sqlite.prepare(
    `SELECT COALESCE(SUM(${SHIFT_MS_SQL}), 0) AS ms FROM shifts
     WHERE started_at < @to AND (@room IS NULL OR room_id = @room)`,
  );

  // Days before today never change (an outcome counts into the hour it is recorded in), so they
  // are summed once per room and local day instead of on every push.
  const pastDays = new Map<number | null, { todayStart: number; days: Pace['daily'] }>();
  function daysBefore(room: number | null, todayStart: number): Pace['daily'] {
    const cached = pastDays.get(room);
    if (cached?.todayStart === todayStart) return cached.days;
    const rows = hours.all({ room, from: ALL_TIME.from, to: todayStart }) as HourRow[];
    const days: Pace['daily'] = [];
    let index = 0;
    let day = rows[0] ? DateTime.fromMillis(rows[0].hour_start, { zone: timeZone }).startOf('day') : undefined;
    while (day && day.toMillis() < todayStart) {
      const end = day.plus({ days: 1 }).toMillis();
      const figures = zero();
      for (; index < rows.length && rows[index]!.hour_start < end; index += 1) addInto(figures, rows[index]!);
      days.push({ day: day.toISODate()!, ...figures });
      day = day.plus({ days: 1 });
    }
    pastDays.set(room, { todayStart, days });
    return days;
  }

  /** Every hour from today's first active one to the current one, so the chart has no holes. */
  function hourly(rows: HourRow[], now: number): Pace['hourly'] {
    const result: Pace['hourly'] = [];
    if (!rows[0]) return result;
    const byStart = new Map(rows.map((row) => [row.hour_start, row]));
    for (let start = rows[0].hour_start; start <= now - (now % HOUR_MS); start += HOUR_MS) {
      const hour = DateTime.fromMillis(start, { zone: timeZone }).hour;
      const row = byStart.get(start);
      const last = result.at(-1);
      // The autumn DST change repeats a local hour: both of its clock hours count as one.
      const entry = last?.hour === hour ? last : { hour, ...zero() };
      if (entry !== last) result.push(entry);
      if (row) addInto(entry, row);
    }
    return result;
  }

  return {
    /** roomId null: every room. */
    pace(roomId: number | null, now: number): Pace {
      const today = localDay(now, timeZone);
      const todayRows = hours.all({ room: roomId, from: today.start, to: today.end }) as HourRow[];
      const todayFigures = zero();
      for (const row of todayRows) addInto(todayFigures, row);
      const past = daysBefore(roomId, today.start);
      const daily = past.length > 0 || todayRows.length > 0 ? [...past, { day: DateTime.fromMillis(today.start, { zone: timeZone }).toISODate()!, ...todayFigures }] : [];
      const { ms } = shiftMs.get({ room: roomId, now, from: today.start, to: today.end }) as { ms: number };
      return {
        lastHour: lastHour.get({ room: roomId, now, from: now - HOUR_MS }) as Figures,
        today: todayFigures,
        volunteerHoursToday: toHours(ms),
        attemptsPerVolunteerHour: perVolunteerHour(todayFigures.attempts, ms),
        hourly: hourly(todayRows, now),
        daily,
      };
    },
  };
}

export type PaceRepo = ReturnType<typeof createPaceRepo>;

import { and, asc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Figures, Pace } from '@ringstuga/shared';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { activityHours, calls, shifts, stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { ALL_TIME, HOUR_MS, hourSums, inRoom, localDay, perVolunteerHour, shiftMs, toHours } from '../figures/campaign-figures.ts';

// The room's pace: the last hour from the calls (an indexed range of ~minutes of rows), everything
// else from activity_hours, which the outcome counts in the same transaction, so nothing here
// grows with the campaign's calls.

interface HourRow extends Figures {
  hourStart: number;
}

const zero = (): Figures => ({ attempts: 0, answered: 0, conversations: 0 });
function addInto(target: Figures, row: Figures): void {
  target.attempts += row.attempts;
  target.answered += row.answered;
  target.conversations += row.conversations;
}

const count = (outcomes: string) => sql<number>`count(*) FILTER (WHERE ${calls.outcome} IN (${sql.raw(outcomes)}))`;

const lastHour = async (q: Tx, room: number | null, now: number): Promise<Figures> =>
  first(
    await q.db
      .select({ attempts: sql<number>`count(*)`, answered: count(REACHED_SQL), conversations: count(CONVERSATION_SQL) })
      .from(calls)
      .innerJoin(stations, eq(stations.id, calls.stationId))
      .where(and(gt(calls.endedAt, now - HOUR_MS), lte(calls.endedAt, now), inRoom(stations.roomId, room))),
  )!;
const hours = (q: Tx, room: number | null, from: number, to: number) =>
  q.db
    .select({ hourStart: activityHours.hourStart, ...hourSums() })
    .from(activityHours)
    .where(and(gte(activityHours.hourStart, from), lt(activityHours.hourStart, to), inRoom(activityHours.roomId, room)))
    .groupBy(activityHours.hourStart)
    .orderBy(asc(activityHours.hourStart));
const shiftMsToday = async (q: Tx, room: number | null, from: number, to: number): Promise<number> =>
  first(
    await q.db
      .select({ ms: sql<number>`coalesce(sum(${shiftMs(from, to)}), 0)` })
      .from(shifts)
      .where(and(lt(shifts.startedAt, to), inRoom(shifts.roomId, room))),
  )!.ms;

export function createPaceRepo(options: { timeZone: string }) {
  const { timeZone } = options;
  // Days before today never change (an outcome counts into the hour it is recorded in), so they
  // are summed once per room and local day instead of on every push.
  const pastDays = new Map<number | null, { todayStart: number; days: Pace['daily'] }>();
  async function daysBefore(q: Tx, room: number | null, todayStart: number): Promise<Pace['daily']> {
    const cached = pastDays.get(room);
    if (cached?.todayStart === todayStart) return cached.days;
    const rows = await hours(q, room, ALL_TIME.from, todayStart);
    const days: Pace['daily'] = [];
    let index = 0;
    let day = rows[0] ? DateTime.fromMillis(rows[0].hourStart, { zone: timeZone }).startOf('day') : undefined;
    while (day && day.toMillis() < todayStart) {
      const end = day.plus({ days: 1 }).toMillis();
      const figures = zero();
      for (; index < rows.length && rows[index]!.hourStart < end; index += 1) addInto(figures, rows[index]!);
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
    const byStart = new Map(rows.map((row) => [row.hourStart, row]));
    for (let start = rows[0].hourStart; start <= now - (now % HOUR_MS); start += HOUR_MS) {
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
    async pace(q: Tx, roomId: number | null, now: number): Promise<Pace> {
      const today = localDay(now, timeZone);
      const todayRows = await hours(q, roomId, today.start, today.end);
      const todayFigures = zero();
      for (const row of todayRows) addInto(todayFigures, row);
      const past = await daysBefore(q, roomId, today.start);
      const daily = past.length > 0 || todayRows.length > 0 ? [...past, { day: DateTime.fromMillis(today.start, { zone: timeZone }).toISODate()!, ...todayFigures }] : [];
      const ms = await shiftMsToday(q, roomId, today.start, today.end);
      return {
        lastHour: await lastHour(q, roomId, now),
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

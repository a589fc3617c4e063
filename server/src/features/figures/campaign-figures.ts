import { sql, type SQLWrapper } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { activityHours, campaigns, shifts } from '../../db/schema.ts';
import { statement } from '../../db/store/statement.ts';
import type { Tx } from '../../db/store/store.ts';

// The campaign's figures as every read model counts them (the room's pace, the standings, the
// volunteers' totals): one definition of an hour, a day and a volunteer's time. Below every
// feature that shows figures, and importing none of them.

export const HOUR_MS = 60 * 60 * 1000;

/**
 * A shift's milliseconds inside [from, to), an open shift counted up to its volunteer's last act
 * or last wait for a contact. Not up to now: an idle shift is closed at that moment, and hours
 * shown on the board and the big screen must never go backwards.
 */
export const shiftMs = (from: SQLWrapper | number, to: SQLWrapper | number) => {
  const end = lesser(sql`coalesce(${shifts.endedAt}, ${lastPresentAt})`, to);
  return sql<number>`${greater(sql`${end} - ${greater(shifts.startedAt, from)}`, sql`0`)}`;
};

/**
 * The volunteer's last sign of presence: an act, or a waiting station asking. Written with CASE
 * (as `greater` and `lesser` below), which both SQLite and PostgreSQL accept: SQLite's two-argument
 * MAX and MIN are PostgreSQL's GREATEST and LEAST. Every operand is non-null.
 */
export const lastPresentAt = sql<number>`(CASE WHEN ${shifts.lastActivityAt} > coalesce(${shifts.lastSeenAt}, 0) THEN ${shifts.lastActivityAt} ELSE coalesce(${shifts.lastSeenAt}, 0) END)`;
const greater = (a: SQLWrapper | number, b: SQLWrapper | number) => sql`(CASE WHEN ${a} > ${b} THEN ${a} ELSE ${b} END)`;
const lesser = (a: SQLWrapper | number, b: SQLWrapper | number) => sql`(CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END)`;

/** Attempts, answers and conversations summed over the activity_hours rows a query groups. */
export const hourSums = () => ({
  attempts: sql<number>`sum(${activityHours.attempts})`,
  answered: sql<number>`sum(${activityHours.answered})`,
  conversations: sql<number>`sum(${activityHours.conversations})`,
});

/**
 * Rows of one campaign (`campaign` a number), or of every active one (null): read models never
 * count an archived campaign unless asked for it by id.
 */
export const inCampaign = (column: SQLWrapper, campaign: SQLWrapper | number | null) =>
  sql`(CASE WHEN CAST(${campaign} AS BIGINT) IS NULL THEN ${column} IN (SELECT ${campaigns.id} FROM ${campaigns} WHERE ${campaigns.status} = 'active') ELSE ${column} = ${campaign} END)`;

/** Rows of one room (`room` a number), or of every room (null); the parameter typed for PostgreSQL. */
export const inRoom = (column: SQLWrapper, room: number | null) => sql`(CAST(${room} AS BIGINT) IS NULL OR ${column} = ${room})`;

/**
 * Who a shift's volunteer is, for counting distinct volunteers: the name as typed (folded in JS,
 * since SQLite's lower() folds ASCII only and "Åsa" and "åsa" are one person) and the association.
 */
export function volunteerKey(shift: { name: string; associationId: number | null }): string {
  return `${shift.name.trim().normalize('NFC').toLocaleLowerCase('sv')}\u0000${shift.associationId ?? ''}`;
}

/** The active campaigns, oldest start first (boards and leaderboards read them on every push: prepared once). */
const ACTIVE_CAMPAIGNS = statement<[], { id: number; name: string }>(`SELECT id, name FROM campaigns WHERE status = 'active' ORDER BY starts_on, id`);
export const activeCampaigns = (q: Tx): Promise<{ id: number; name: string }[]> => q.all(ACTIVE_CAMPAIGNS);

/** from/to for "the whole campaign". */
export const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER } as const;

/** Milliseconds as hours, rounded to 0.1. */
export function toHours(ms: number): number {
  return Math.round(ms / (HOUR_MS / 10)) / 10;
}

/**
 * `count` per volunteer-hour, rounded to 0.1; null while the hours still show as 0 (two attempts
 * in the first minute of a shift would read as 120 an hour).
 */
export function perVolunteerHour(count: number, ms: number): number | null {
  if (toHours(ms) === 0) return null;
  return Math.round((count / (ms / HOUR_MS)) * 10) / 10;
}

/** The local day (in the campaign's time zone, DST included) that contains `now`: [start, end). */
export function localDay(now: number, timeZone: string): { start: number; end: number } {
  const start = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

import { instantOf, wallClockAt } from '../lib/campaign-clock.ts';
import { isoWeek } from '../signup/weeks.ts';

/** A calendar date on the campaign's clock. */
export interface LocalDay {
  year: number;
  month: number; // 1–12
  day: number;
}

export interface CalendarDay extends LocalDay {
  /** `YYYY-MM-DD`, also what an `<input type="date">` holds. */
  key: string;
  /** ISO weekday, Monday 1 … Sunday 7. */
  weekday: number;
}

export interface CalendarWeek {
  week: number;
  days: CalendarDay[];
}

const pad = (value: number) => String(value).padStart(2, '0');

export function dayKey(day: LocalDay): string {
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`;
}

/** `YYYY-MM-DD` read back; null for anything else. */
export function parseDayKey(key: string): LocalDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/** The date `days` after `day` (negative: before), through UTC so month ends and DST do not matter. */
export function addDays(day: LocalDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  const shifted = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  return { ...shifted, key: dayKey(shifted), weekday: date.getUTCDay() || 7 };
}

/** The Monday of the week `instant` falls in, on the campaign's clock. */
export function mondayOf(instant: number): CalendarDay {
  const today = addDays(wallClockAt(instant), 0);
  return addDays(today, 1 - today.weekday);
}

/** `count` weeks from the Monday `monday`, each its seven days. */
export function weeksFrom(monday: LocalDay, count: number): CalendarWeek[] {
  return Array.from({ length: count }, (_, index) => {
    const days = Array.from({ length: 7 }, (__, offset) => addDays(monday, index * 7 + offset));
    return { week: isoWeek(days[0]!.year, days[0]!.month, days[0]!.day).week, days };
  });
}

/** The instants that bound those weeks: from the first Monday's midnight to the midnight after the last Sunday. */
export function weeksRange(monday: LocalDay, count: number): { from: string; to: string } {
  const end = addDays(monday, count * 7);
  return {
    from: new Date(instantOf({ ...monday, hour: 0, minute: 0 })).toISOString(),
    to: new Date(instantOf({ ...end, hour: 0, minute: 0 })).toISOString(),
  };
}

/** The local date key an instant falls on. */
export function dayKeyAt(iso: string): string {
  return dayKey(wallClockAt(Date.parse(iso)));
}

/** The local time of day (`HH:MM`) an instant shows on the campaign's clock. */
export function timeAt(iso: string): string {
  const clock = wallClockAt(Date.parse(iso));
  return `${pad(clock.hour)}:${pad(clock.minute)}`;
}

/** The instant (ISO) of a local date and `HH:MM`; null when either does not read. */
export function instantAt(key: string, time: string): string | null {
  const day = parseDayKey(key);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !match) return null;
  return new Date(instantOf({ ...day, hour: Number(match[1]), minute: Number(match[2]) })).toISOString();
}

/** Items keyed by the local date they start on, each day's in start order. */
export function byDay<T extends { startsAt: string }>(items: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const key = dayKeyAt(item.startsAt);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return days;
}

/**
 * A session's instants from its date and local start and end; an end at 00:00 is the midnight
 * after (an evening session ending at midnight). Null when a field does not read.
 */
export function sessionInstants(times: { date: string; start: string; end: string }): { startsAt: string; endsAt: string } | null {
  const day = parseDayKey(times.date);
  if (!day) return null;
  const startsAt = instantAt(times.date, times.start);
  const endsAt = instantAt(times.end === '00:00' ? addDays(day, 1).key : times.date, times.end);
  return startsAt && endsAt ? { startsAt, endsAt } : null;
}

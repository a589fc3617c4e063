import { CALLBACK_MAX_DAYS } from '@ringstuga/shared';
import { instantOf, offsetMinutesAt, wallClockAt } from '../lib/campaign-clock.ts';

/**
 * Call-back times are picked on the campaign's clock (lib/campaign-clock.ts), not the device's:
 * a datetime-local input has no zone, so its value is read as the campaign's wall clock, and
 * sent as ISO 8601 with that zone's offset so the server gets the instant that was meant.
 */

const LATER_TODAY_HOURS = 3;
const LATEST_TODAY = { hour: 20, minute: 30 };
const TOMORROW_EVENING = { hour: 18, minute: 0 };
const DAY_MS = 24 * 60 * 60 * 1000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "Later today": three hours from now, but no later than 20:30; null once that is past. */
export function laterToday(now: Date): Date | null {
  const inThreeHours = Math.floor((now.getTime() + LATER_TODAY_HOURS * 3_600_000) / 60_000) * 60_000;
  const cap = instantOf({ ...wallClockAt(now.getTime()), ...LATEST_TODAY });
  const choice = Math.min(inThreeHours, cap);
  return choice > now.getTime() ? new Date(choice) : null;
}

/** "Tomorrow evening": 18:00 tomorrow, on the wall clock even across a DST change. */
export function tomorrowEvening(now: Date): Date {
  const today = wallClockAt(now.getTime());
  return new Date(instantOf({ ...today, day: today.day + 1, ...TOMORROW_EVENING }));
}

/** The `value` a datetime-local input takes: "2025-11-14T18:00". */
export function toLocalInputValue(date: Date): string {
  const c = wallClockAt(date.getTime());
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** A datetime-local value read on the campaign's clock; null if the input is empty or partial. */
export function fromLocalInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(instantOf({ year, month, day, hour, minute }));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2025-11-14T18:00:00+01:00": the shape `z.iso.datetime({ offset: true })` accepts. */
export function toIsoWithOffset(date: Date): string {
  const offset = offsetMinutesAt(date.getTime());
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${toLocalInputValue(date)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export type CallbackCheck =
  | { ok: true; callbackAt: string }
  | { ok: false; problem: 'missing' | 'invalid' | 'in_past' | 'too_far' };

/** Checks a picked time before it is sent, so the volunteer hears about a mistake at once. */
export function checkCallbackTime(value: string, now: Date): CallbackCheck {
  if (value === '') return { ok: false, problem: 'missing' };
  const date = fromLocalInputValue(value);
  if (!date) return { ok: false, problem: 'invalid' };
  if (date <= now) return { ok: false, problem: 'in_past' };
  if (date.getTime() - now.getTime() > CALLBACK_MAX_DAYS * DAY_MS) return { ok: false, problem: 'too_far' };
  return { ok: true, callbackAt: toIsoWithOffset(date) };
}

/** The input's max, so the picker itself refuses dates the server would. */
export function latestCallbackValue(now: Date): string {
  return toLocalInputValue(new Date(now.getTime() + CALLBACK_MAX_DAYS * DAY_MS));
}

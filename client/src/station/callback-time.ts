import { CALLBACK_MAX_DAYS } from '@ringstuga/shared';

/**
 * Call-back times are picked on the volunteer's own clock (a datetime-local input has no
 * zone), then sent as ISO 8601 with that clock's UTC offset so the server gets an instant.
 */

const LATER_TODAY_HOURS = 3;
const LATEST_TODAY = { hours: 20, minutes: 30 };
const TOMORROW_EVENING = { hours: 18, minutes: 0 };
const DAY_MS = 24 * 60 * 60 * 1000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "Later today": three hours from now, but no later than 20:30; null once that is past. */
export function laterToday(now: Date): Date | null {
  const inThreeHours = new Date(now.getTime() + LATER_TODAY_HOURS * 60 * 60 * 1000);
  inThreeHours.setSeconds(0, 0);
  const cap = new Date(now);
  cap.setHours(LATEST_TODAY.hours, LATEST_TODAY.minutes, 0, 0);
  const choice = inThreeHours < cap ? inThreeHours : cap;
  return choice > now ? choice : null;
}

/** "Tomorrow evening": 18:00 tomorrow. */
export function tomorrowEvening(now: Date): Date {
  const choice = new Date(now);
  // setDate keeps the wall-clock time across a DST change, unlike adding 24 h.
  choice.setDate(choice.getDate() + 1);
  choice.setHours(TOMORROW_EVENING.hours, TOMORROW_EVENING.minutes, 0, 0);
  return choice;
}

/** The `value` a datetime-local input takes: "2025-11-14T18:00". */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value read as local time; null if the input is empty or partial. */
export function fromLocalInputValue(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2025-11-14T18:00:00+01:00": the shape `z.iso.datetime({ offset: true })` accepts. */
export function toIsoWithOffset(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `${toLocalInputValue(date)}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
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

import { DateTime } from 'luxon';

const DEFAULT_WEEKS = 4;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type PlanningRange = { ok: true; from: number; to: number } | { ok: false; message: string };

/**
 * The planning view's [from, to) in epoch ms. An instant is taken as given; a local date on the
 * campaign's clock means its start for `from` and its end for `to` (so `to` names the last day
 * shown). Defaults: from the start of today, for four weeks.
 */
export function planningRange(query: { from?: string; to?: string }, now: number, timeZone: string): PlanningRange {
  const at = (value: string) =>
    LOCAL_DATE.test(value) ? DateTime.fromISO(value, { zone: timeZone }).startOf('day') : DateTime.fromISO(value, { setZone: true });
  const from = query.from ? at(query.from) : DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  // A day named as `to` must not come before `from` either, though its end would not.
  const toStart = query.to ? at(query.to) : from.setZone(timeZone).plus({ weeks: DEFAULT_WEEKS });
  const to = query.to && LOCAL_DATE.test(query.to) ? toStart.plus({ days: 1 }) : toStart;
  if (!from.isValid || !to.isValid) return { ok: false, message: 'from and to must be dates (YYYY-MM-DD) or ISO 8601 instants' };
  if (toStart < from) return { ok: false, message: 'to must not be before from' };
  // At most a year at once: a typo must not ask for decades of sessions.
  if (to > from.setZone(timeZone).plus({ years: 1 })) return { ok: false, message: 'at most one year at once' };
  return { ok: true, from: from.toMillis(), to: to.toMillis() };
}

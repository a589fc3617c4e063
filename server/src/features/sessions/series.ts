import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { zSessionSeries } from '@ringstuga/shared';

export type SessionSeries = z.infer<typeof zSessionSeries>;

export interface Slot {
  startsAt: number;
  endsAt: number;
}

/** Stops counting past this, so a hostile date range costs nothing before it is refused. */
const DAYS_MAX = 3 * 366;

/**
 * The slots of a series, as instants: each chosen weekday from `from` to `to`, its window cut
 * into slots of `slotMinutes` counted in local wall-clock time, so 14:00–16:00 stays 14:00–16:00
 * on the campaign's clock on either side of a DST change. Returns null once more than `max`
 * slots would be made (or the range is absurdly long).
 */
export function seriesSlots(series: SessionSeries, timeZone: string, max: number): Slot[] | null {
  const first = DateTime.fromISO(series.from, { zone: timeZone });
  const last = DateTime.fromISO(series.to, { zone: timeZone });
  const weekdays = new Set(series.weekdays);
  const [startMinute, endMinute] = [minutesOf(series.dailyStart), minutesOf(series.dailyEnd)];
  const slots: Slot[] = [];
  for (let day = first, days = 0; day <= last; day = day.plus({ days: 1 }), days += 1) {
    if (days >= DAYS_MAX) return null;
    if (!weekdays.has(day.weekday)) continue;
    for (let minute = startMinute; minute + series.slotMinutes <= endMinute; minute += series.slotMinutes) {
      if (slots.length >= max) return null;
      slots.push({ startsAt: localInstant(day, minute), endsAt: localInstant(day, minute + series.slotMinutes) });
    }
  }
  return slots;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The instant of a wall-clock minute of a local day (a minute in a spring-forward gap moves forward, as Luxon does). */
function localInstant(day: DateTime, minute: number): number {
  // 24:00 is the next day's midnight.
  const date = day.startOf('day').plus({ days: Math.floor(minute / 1440) });
  const inDay = minute % 1440;
  return date.set({ hour: Math.floor(inDay / 60), minute: inDay % 60 }).toMillis();
}

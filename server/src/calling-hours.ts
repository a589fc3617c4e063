import { DateTime } from 'luxon';
import type { CallingHours } from './config.ts';

const clockTime = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The hours as people read them, e.g. `09:00–21:00`. */
export const describeCallingHours = (hours: CallingHours) => `${clockTime(hours.startMinute)}–${clockTime(hours.endMinute)}`;

interface LocalDay {
  start: number;
  end: number;
  openFrom: number;
  openUntil: number;
}

/**
 * Calling hours are wall-clock times in the campaign's time zone (DST included).
 * The day's boundaries are worked out once per local day: this runs on every claim.
 */
export class CallingClock {
  private day: LocalDay | undefined;

  constructor(
    private readonly hours: CallingHours,
    private readonly timeZone: string,
  ) {}

  isOpen(now: number): boolean {
    const day = this.dayOf(now);
    return now >= day.openFrom && now < day.openUntil;
  }

  /** The next moment calling opens, at or after `now`. */
  nextOpening(now: number): number {
    const day = this.dayOf(now);
    if (now < day.openFrom) return day.openFrom;
    if (now < day.openUntil) return now;
    return this.localDay(day.end).openFrom;
  }

  /**
   * Whether calling is open for the whole of [from, until): within one day's hours, or on past
   * midnight only where the hours run to midnight and on from it (00:00-24:00).
   */
  covers(from: number, until: number): boolean {
    const day = this.localDay(from);
    if (from < day.openFrom) return false;
    if (until <= day.openUntil) return true;
    return day.openUntil === day.end && day.openFrom === day.start && this.covers(day.end, until);
  }

  private dayOf(now: number): LocalDay {
    if (!this.day || now < this.day.start || now >= this.day.end) this.day = this.localDay(now);
    return this.day;
  }

  private localDay(now: number): LocalDay {
    const start = DateTime.fromMillis(now, { zone: this.timeZone }).startOf('day');
    const at = (minuteOfDay: number) =>
      minuteOfDay >= 24 * 60
        ? start.plus({ days: 1 }).toMillis()
        : start.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toMillis();
    return {
      start: start.toMillis(),
      end: start.plus({ days: 1 }).toMillis(),
      openFrom: at(this.hours.startMinute),
      openUntil: at(this.hours.endMinute),
    };
  }
}

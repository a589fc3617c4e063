import { DateTime } from 'luxon';
import type { CallingHours } from '../../config.ts';

/** Calling hours are wall-clock times in the campaign's time zone (DST included). */
export class CallingClock {
  constructor(
    private readonly hours: CallingHours,
    private readonly timeZone: string,
  ) {}

  isOpen(now: number): boolean {
    const local = DateTime.fromMillis(now, { zone: this.timeZone });
    const minute = local.hour * 60 + local.minute;
    return minute >= this.hours.startMinute && minute < this.hours.endMinute;
  }

  /** The next moment calling opens, at or after `now`. */
  nextOpening(now: number): number {
    if (this.isOpen(now)) return now;
    const local = DateTime.fromMillis(now, { zone: this.timeZone });
    const openToday = this.at(local, this.hours.startMinute);
    return (local < openToday ? openToday : this.at(local.plus({ days: 1 }), this.hours.startMinute)).toMillis();
  }

  private at(day: DateTime, minuteOfDay: number): DateTime {
    return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0, millisecond: 0 });
  }
}

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { seriesSlots } from '../../server/src/features/sessions/series.ts';

const ZONE = 'Europe/Stockholm';
const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('a series of sessions', () => {
  it('keeps local wall-clock times across the spring DST change (last Sunday of March)', () => {
    const slots = seriesSlots({ from: '2027-03-27', to: '2027-03-29', weekdays: [6, 7, 1], dailyStart: '10:00', dailyEnd: '12:00', slotMinutes: 60 }, ZONE, 500)!;
    expect(slots.map((slot) => local(slot.startsAt))).toEqual([
      'Sat 2027-03-27 10:00',
      'Sat 2027-03-27 11:00',
      'Sun 2027-03-28 10:00',
      'Sun 2027-03-28 11:00',
      'Mon 2027-03-29 10:00',
      'Mon 2027-03-29 11:00',
    ]);
    // Winter time (UTC+1) on Saturday, summer time (UTC+2) from Sunday.
    expect(new Date(slots[0]!.startsAt).toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(new Date(slots[2]!.startsAt).toISOString()).toBe('2027-03-28T08:00:00.000Z');
  });

  it('leaves out a last slot that does not fit, and ends a window at 24:00 at midnight', () => {
    const slots = seriesSlots({ from: '2026-11-02', to: '2026-11-02', weekdays: [1], dailyStart: '19:00', dailyEnd: '24:00', slotMinutes: 120 }, ZONE, 500)!;
    expect(slots.map((slot) => [local(slot.startsAt), local(slot.endsAt)])).toEqual([
      ['Mon 2026-11-02 19:00', 'Mon 2026-11-02 21:00'],
      ['Mon 2026-11-02 21:00', 'Mon 2026-11-02 23:00'],
    ]);
    const toMidnight = seriesSlots({ from: '2026-11-02', to: '2026-11-02', weekdays: [1], dailyStart: '22:00', dailyEnd: '24:00', slotMinutes: 120 }, ZONE, 500)!;
    expect(local(toMidnight[0]!.endsAt)).toBe('Tue 2026-11-03 00:00');
  });

  it('stops at the most sessions allowed, and at an absurd date range, instead of making them', () => {
    const everyHour = { from: '2027-01-01', to: '2027-01-31', weekdays: [1, 2, 3, 4, 5, 6, 7], dailyStart: '00:00', dailyEnd: '24:00', slotMinutes: 60 };
    expect(seriesSlots(everyHour, ZONE, 500)).toBeNull();
    expect(seriesSlots({ ...everyHour, to: '2027-01-20' }, ZONE, 500)).toHaveLength(480);
    expect(seriesSlots({ ...everyHour, to: '9999-12-31', weekdays: [1], dailyStart: '10:00', dailyEnd: '11:00' }, ZONE, 100_000)).toBeNull();
  });
});

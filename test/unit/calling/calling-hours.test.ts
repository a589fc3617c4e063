import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { loadConfig } from '../../../server/src/config.ts';
import { CallingClock } from '../../../server/src/calling-hours.ts';

const zone = 'Europe/Stockholm';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const clock = new CallingClock({ startMinute: 9 * 60, endMinute: 21 * 60 }, zone);

describe('calling hours in Stockholm time', () => {
  it('is open from 09:00 up to but not including 21:00', () => {
    expect(clock.isOpen(at('2026-09-01T08:59'))).toBe(false);
    expect(clock.isOpen(at('2026-09-01T09:00'))).toBe(true);
    expect(clock.isOpen(at('2026-09-01T20:59'))).toBe(true);
    expect(clock.isOpen(at('2026-09-01T21:00'))).toBe(false);
  });

  it('uses local wall-clock time across daylight saving (UTC+2 in summer, UTC+1 in winter)', () => {
    expect(clock.isOpen(Date.UTC(2026, 6, 1, 7, 30))).toBe(true); // 09:30 CEST
    expect(clock.isOpen(Date.UTC(2026, 0, 15, 7, 30))).toBe(false); // 08:30 CET
  });

  it('covers a span only within one day’s hours, or past midnight when calling runs around the clock', () => {
    expect(clock.covers(at('2026-09-01T18:00'), at('2026-09-01T21:00'))).toBe(true);
    expect(clock.covers(at('2026-09-01T20:00'), at('2026-09-01T21:01'))).toBe(false);
    expect(clock.covers(at('2026-09-01T08:59'), at('2026-09-01T10:00'))).toBe(false);
    expect(clock.covers(at('2026-09-01T20:00'), at('2026-09-02T10:00'))).toBe(false);
    const always = new CallingClock({ startMinute: 0, endMinute: 24 * 60 }, zone);
    expect(always.covers(at('2026-09-01T22:00'), at('2026-09-02T01:00'))).toBe(true);
    expect(always.covers(at('2026-09-01T22:00'), at('2026-09-03T01:00'))).toBe(true);
    const untilMidnight = new CallingClock({ startMinute: 9 * 60, endMinute: 24 * 60 }, zone);
    expect(untilMidnight.covers(at('2026-09-01T22:00'), at('2026-09-01T24:00'))).toBe(true);
    expect(untilMidnight.covers(at('2026-09-01T22:00'), at('2026-09-02T01:00'))).toBe(false);
  });

  it('names the next opening: later today before the start, tomorrow after the end', () => {
    expect(clock.nextOpening(at('2026-09-01T07:15'))).toBe(at('2026-09-01T09:00'));
    expect(clock.nextOpening(at('2026-09-01T22:40'))).toBe(at('2026-09-02T09:00'));
    expect(clock.nextOpening(at('2026-09-01T12:00'))).toBe(at('2026-09-01T12:00'));
  });

  it('opens on the right wall-clock time on the night clocks go back', () => {
    expect(clock.nextOpening(at('2026-10-24T22:00'))).toBe(at('2026-10-25T09:00'));
    expect(DateTime.fromMillis(clock.nextOpening(at('2026-10-24T22:00')), { zone }).hour).toBe(9);
  });

  it('stays right when one clock is asked about many days, forwards and backwards (it caches the day)', () => {
    const days = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-29', '2026-10-25', '2026-01-01'];
    for (const day of days) {
      expect(clock.isOpen(at(`${day}T08:59`)), day).toBe(false);
      expect(clock.isOpen(at(`${day}T09:00`)), day).toBe(true);
      expect(clock.isOpen(at(`${day}T20:59`)), day).toBe(true);
      expect(clock.nextOpening(at(`${day}T23:30`)), day).toBe(DateTime.fromISO(`${day}T09:00`, { zone }).plus({ days: 1 }).toMillis());
    }
  });

  it('00:00-24:00 means always', () => {
    const always = new CallingClock(loadConfig({ CALLING_HOURS: '00:00-24:00' }).callingHours, zone);
    expect(always.isOpen(at('2026-09-01T00:00'))).toBe(true);
    expect(always.isOpen(at('2026-09-01T23:59'))).toBe(true);
  });

  it('rejects a time zone that does not exist', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Stokholm' })).toThrow(/not a known IANA time zone/);
    expect(loadConfig({ TIME_ZONE: 'Europe/Helsinki' }).timeZone).toBe('Europe/Helsinki');
  });

  it('rejects malformed calling hours in the configuration', () => {
    expect(() => loadConfig({ CALLING_HOURS: '21:00-09:00' })).toThrow(/start must come before the end/);
    expect(() => loadConfig({ CALLING_HOURS: '9-21' })).toThrow(/HH:MM/);
    expect(() => loadConfig({ CALLING_HOURS: '09:00-25:00' })).toThrow();
    expect(loadConfig({ CALLING_HOURS: '10:30-18:15' }).callingHours).toEqual({ startMinute: 630, endMinute: 1095 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCampaignZone } from '../../../../client/src/lib/campaign-clock.ts';
import {
  checkCallbackTime,
  fromLocalInputValue,
  laterToday,
  toIsoWithOffset,
  tomorrowEvening,
} from '../../../../client/src/station/callback-time.ts';

// The quick choices follow the campaign's clock (Stockholm), not the device's: put the device
// in another zone to prove it.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
  setCampaignZone('Europe/Stockholm');
});
afterAll(() => {
  process.env.TZ = savedTz;
});

/** An instant given as Stockholm wall-clock time. */
const local = (iso: string) => fromLocalInputValue(iso)!;

describe('call-back quick choices', () => {
  it('"later today" is three hours on, but no later than 20:30, and gone after 20:30', () => {
    expect(toIsoWithOffset(laterToday(local('2026-09-01T12:10'))!)).toBe('2026-09-01T15:10:00+02:00');
    expect(toIsoWithOffset(laterToday(local('2026-09-01T19:00'))!)).toBe('2026-09-01T20:30:00+02:00');
    expect(laterToday(local('2026-09-01T20:45'))).toBeNull();
  });

  it('"tomorrow evening" is 18:00 the next day, on the wall clock even across a DST change', () => {
    expect(toIsoWithOffset(tomorrowEvening(local('2026-09-01T12:00')))).toBe('2026-09-02T18:00:00+02:00');
    expect(toIsoWithOffset(tomorrowEvening(local('2026-10-24T12:00')))).toBe('2026-10-25T18:00:00+01:00');
  });
});

describe('checking a picked call-back time before it is sent', () => {
  const now = local('2026-09-01T12:00');
  it('accepts a future time and sends it with the local offset', () => {
    expect(checkCallbackTime('2026-09-03T09:30', now)).toEqual({ ok: true, callbackAt: '2026-09-03T09:30:00+02:00' });
  });
  it.each([
    ['', 'missing'],
    ['2026-09', 'invalid'],
    ['2026-09-01T11:00', 'in_past'],
    ['2027-01-01T12:00', 'too_far'],
  ])('refuses %j as %s', (value, problem) => {
    expect(checkCallbackTime(value, now)).toEqual({ ok: false, problem });
  });
});

describe('the campaign clock', () => {
  it('reads a Stockholm wall-clock time as the right instant on both sides of DST', () => {
    expect(local('2026-07-01T09:00').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(local('2026-01-15T09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(local('2026-10-25T18:00').toISOString()).toBe('2026-10-25T17:00:00.000Z');
  });
});

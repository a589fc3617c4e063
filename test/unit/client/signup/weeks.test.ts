import { describe, expect, it } from 'vitest';
import { readCancelRequest, withoutCancelRequest } from '../../../../client/src/me/cancel-request.ts';
import { byWeek, isoWeek } from '../../../../client/src/signup/weeks.ts';

describe('the sign-up page’s weeks', () => {
  it('numbers weeks the ISO way, so the turn of the year lands in the right week', () => {
    expect(isoWeek(2026, 12, 3)).toEqual({ year: 2026, week: 49 });
    // 2026 ends on a Thursday: its last days are in week 53; Friday 1 January 2027 is still in it.
    expect(isoWeek(2026, 12, 31)).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(2027, 1, 1)).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(2027, 1, 4)).toEqual({ year: 2027, week: 1 });
    // 2024 started on a Monday; 30 December 2024 is week 1 of 2025.
    expect(isoWeek(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
  });

  it('groups sessions by the week of their start on the campaign’s clock, not UTC', () => {
    const sessions = [
      { id: 1, startsAt: '2026-12-06T20:00:00.000Z' },
      // Sunday 23:30 UTC is Monday 00:30 in Stockholm in winter: the next week.
      { id: 2, startsAt: '2026-12-06T23:30:00.000Z' },
      { id: 3, startsAt: '2026-12-08T17:00:00.000Z' },
    ];
    expect(byWeek(sessions).map((group) => [group.week, group.items.map((item) => item.id)])).toEqual([
      [49, [1]],
      [50, [2, 3]],
    ]);
  });
});

describe('a one-click cancel link', () => {
  it('names a booking only with a whole number, and keeps the token out of it', () => {
    expect(readCancelRequest('#token=abc&cancel=42')).toBe(42);
    expect(readCancelRequest('#token=abc')).toBeNull();
    expect(readCancelRequest('#token=abc&cancel=4x')).toBeNull();
    expect(readCancelRequest('#cancel=')).toBeNull();
    expect(withoutCancelRequest('#token=abc&cancel=42')).toBe('#token=abc');
    expect(withoutCancelRequest('#token=abc')).toBeNull();
  });
});

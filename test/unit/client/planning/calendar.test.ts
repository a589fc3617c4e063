import { describe, expect, it } from 'vitest';
import { byDay, instantAt, mondayOf, sessionInstants, timeAt, weeksFrom, weeksRange } from '../../../../client/src/planning/calendar.ts';

describe('the planning page’s calendar', () => {
  it('starts the week on the Monday of the campaign’s clock, not of UTC', () => {
    // Sunday 6 December 2026 23:30 UTC is Monday 7 December 00:30 in Stockholm.
    expect(mondayOf(Date.parse('2026-12-06T23:30:00Z')).key).toBe('2026-12-07');
    expect(mondayOf(Date.parse('2026-12-06T22:30:00Z')).key).toBe('2026-11-30');
  });

  it('lays weeks out Monday to Sunday across a month’s and a year’s end, with ISO week numbers', () => {
    const weeks = weeksFrom({ year: 2026, month: 12, day: 28 }, 2);
    expect(weeks.map((week) => week.week)).toEqual([53, 1]);
    expect(weeks[0]!.days.map((day) => day.key)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weeks[1]!.days.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('asks for the weeks shown from local midnight to local midnight, across a DST change', () => {
    // Summer time ends on 25 October 2026: the first Monday is UTC+2, the one four weeks on UTC+1.
    expect(weeksRange({ year: 2026, month: 10, day: 19 }, 4)).toEqual({ from: '2026-10-18T22:00:00.000Z', to: '2026-11-15T23:00:00.000Z' });
  });

  it('reads a local date and time as the campaign’s instant, and shows an instant as its local time', () => {
    expect(instantAt('2026-12-07', '14:00')).toBe('2026-12-07T13:00:00.000Z');
    expect(instantAt('2026-07-07', '14:00')).toBe('2026-07-07T12:00:00.000Z');
    expect(instantAt('7/12/2026', '14:00')).toBeNull();
    expect(instantAt('2026-12-07', '')).toBeNull();
    expect(timeAt('2026-12-07T13:00:00.000Z')).toBe('14:00');
  });

  it('puts each session on the local day it starts, in start order', () => {
    const sessions = [
      { id: 1, startsAt: '2026-12-07T17:00:00.000Z' },
      { id: 2, startsAt: '2026-12-06T23:30:00.000Z' },
      { id: 3, startsAt: '2026-12-07T13:00:00.000Z' },
    ];
    expect([...byDay(sessions)].map(([day, items]) => [day, items.map((item) => item.id)])).toEqual([['2026-12-07', [2, 3, 1]]]);
  });

  it('reads a session ending at 00:00 as ending at the midnight after its date, and any other end on its date', () => {
    expect(sessionInstants({ date: '2026-12-07', start: '20:00', end: '00:00' })).toEqual({ startsAt: '2026-12-07T19:00:00.000Z', endsAt: '2026-12-07T23:00:00.000Z' });
    expect(sessionInstants({ date: '2026-12-31', start: '14:00', end: '16:00' })).toEqual({ startsAt: '2026-12-31T13:00:00.000Z', endsAt: '2026-12-31T15:00:00.000Z' });
    expect(sessionInstants({ date: '', start: '14:00', end: '16:00' })).toBeNull();
  });
});

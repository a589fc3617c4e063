import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.ts';
import { underFilled } from '../../../server/src/features/mobilisation/warning.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 9, 1, 10);
const RULE = { days: 7, percent: 50 };
const session = (startsIn: number, booked: number, capacity = 10) => ({ startsAt: NOW + startsIn, capacity, booked });

describe('the early warning', () => {
  it('warns of a session within the days with fewer booked than the share of capacity', () => {
    expect(underFilled(session(3 * DAY, 4), NOW, RULE)).toBe(true);
  });

  it('stops warning at exactly the share booked', () => {
    expect(underFilled(session(3 * DAY, 5), NOW, RULE)).toBe(false);
    // 50 % of 5 places is 2.5: two warn, three do not.
    expect(underFilled(session(3 * DAY, 2, 5), NOW, RULE)).toBe(true);
    expect(underFilled(session(3 * DAY, 3, 5), NOW, RULE)).toBe(false);
  });

  it('warns from exactly the days ahead, not before', () => {
    expect(underFilled(session(7 * DAY, 0), NOW, RULE)).toBe(true);
    expect(underFilled(session(7 * DAY + 1, 0), NOW, RULE)).toBe(false);
  });

  it('says nothing of a session that has started or ended', () => {
    expect(underFilled(session(0, 0), NOW, RULE)).toBe(false);
    expect(underFilled(session(-HOUR, 0), NOW, RULE)).toBe(false);
  });

  it('follows the configured thresholds', () => {
    expect(underFilled(session(2 * DAY, 7), NOW, { days: 1, percent: 80 })).toBe(false);
    expect(underFilled(session(2 * DAY, 7), NOW, { days: 3, percent: 80 })).toBe(true);
    expect(underFilled(session(2 * DAY, 8), NOW, { days: 3, percent: 80 })).toBe(false);
    expect(underFilled(session(2 * DAY, 9), NOW, { days: 3, percent: 100 })).toBe(true);
  });
});

describe('the warning settings', () => {
  it('default to a week and half full, and take MOBILISATION_WARNING_DAYS and MOBILISATION_WARNING_PERCENT', () => {
    expect(loadConfig({}).mobilisationWarning).toEqual({ days: 7, percent: 50 });
    expect(loadConfig({ MOBILISATION_WARNING_DAYS: '3', MOBILISATION_WARNING_PERCENT: '75' }).mobilisationWarning).toEqual({ days: 3, percent: 75 });
  });

  it('refuse a share outside 1–100 % and days that are not a whole positive number', () => {
    expect(() => loadConfig({ MOBILISATION_WARNING_PERCENT: '0' })).toThrow(/MOBILISATION_WARNING_PERCENT/);
    expect(() => loadConfig({ MOBILISATION_WARNING_PERCENT: '101' })).toThrow(/MOBILISATION_WARNING_PERCENT/);
    expect(() => loadConfig({ MOBILISATION_WARNING_DAYS: '1.5' })).toThrow(/MOBILISATION_WARNING_DAYS/);
    expect(() => loadConfig({ MOBILISATION_WARNING_DAYS: '0' })).toThrow(/MOBILISATION_WARNING_DAYS/);
  });
});

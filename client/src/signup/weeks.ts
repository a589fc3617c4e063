import { wallClockAt } from '../lib/campaign-clock.ts';

/** ISO week (Monday first; week 1 holds the year's first Thursday) of a calendar date. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides which year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** Items grouped by the ISO week their start falls in on the campaign's clock, in the order given. */
export function byWeek<T extends { startsAt: string }>(items: readonly T[]): { key: string; week: number; items: T[] }[] {
  const groups = new Map<string, { key: string; week: number; items: T[] }>();
  for (const item of items) {
    const wall = wallClockAt(Date.parse(item.startsAt));
    const { year, week } = isoWeek(wall.year, wall.month, wall.day);
    const key = `${year}-W${week}`;
    const group = groups.get(key) ?? { key, week, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

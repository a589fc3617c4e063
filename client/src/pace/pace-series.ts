import type { Pace } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import type { Bar } from '../charts/BarChart.tsx';
import { currentLocale } from '../i18n/locale.ts';

const DAY_MS = 86_400_000;
const dayLabels = new Map<string, Intl.DateTimeFormat>();

/** "14/11" in either language; the day is a campaign date, written at midnight UTC. */
function dayLabel(at: number): string {
  const locale = currentLocale();
  let format = dayLabels.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
    dayLabels.set(locale, format);
  }
  return format.format(at);
}

function hourLabel(hour: number): string {
  return String(hour).padStart(2, '0');
}

/** Today's attempts per hour, from the first hour with calls to the last, quiet hours as zero. */
export function hourlyBars(hourly: Pace['hourly']): Bar[] {
  if (hourly.length === 0) return [];
  const byHour = new Map(hourly.map((row) => [row.hour, row.attempts]));
  const hours = hourly.map((row) => row.hour);
  const bars: Bar[] = [];
  for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour++) {
    bars.push({ key: String(hour), label: hourLabel(hour), value: byHour.get(hour) ?? 0 });
  }
  return bars;
}

/** Attempts per campaign day (YYYY-MM-DD on the campaign's clock), days without calls as zero. */
export function dailyBars(daily: Pace['daily']): Bar[] {
  const days = daily.map((row) => ({ at: Date.parse(`${row.day}T00:00:00Z`), attempts: row.attempts }));
  const known = days.filter((day) => !Number.isNaN(day.at));
  if (known.length === 0) return [];
  const byDay = new Map(known.map((day) => [day.at, day.attempts]));
  const first = Math.min(...known.map((day) => day.at));
  const last = Math.max(...known.map((day) => day.at));
  const bars: Bar[] = [];
  // A day is 24 h in UTC, so stepping from midnight UTC lands on every date once.
  for (let at = first; at <= last; at += DAY_MS) {
    bars.push({ key: String(at), label: dayLabel(at), value: byDay.get(at) ?? 0 });
  }
  return bars;
}

function peakOf(bars: readonly Bar[]): Bar | undefined {
  return bars.reduce<Bar | undefined>((best, bar) => (!best || bar.value > best.value ? bar : best), undefined);
}

/** "Försök per timme i dag: totalt 120, flest kl. 18 med 34." */
export function hourlySummary(t: TFunction, title: string, bars: readonly Bar[]): string {
  const peak = peakOf(bars);
  if (!peak || peak.value === 0) return `${title}: ${t('charts.noData')}`;
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  return t('charts.hourlySummary', { title, total, peak: peak.label, peakValue: peak.value });
}

/** "Försök per dag under kampanjen: totalt 900 över 6 dagar, flest 14/11 med 310." */
export function dailySummary(t: TFunction, title: string, bars: readonly Bar[]): string {
  const peak = peakOf(bars);
  if (!peak || peak.value === 0) return `${title}: ${t('charts.noData')}`;
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  return t('charts.dailySummary', { count: bars.length, title, total, days: bars.length, peak: peak.label, peakValue: peak.value });
}

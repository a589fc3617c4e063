import i18next from 'i18next';
import { currentLocale } from '../i18n/locale.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** One formatter per locale and shape, made the first time the page's language asks for it. */
function numberFormat(shape: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = currentLocale();
  const key = `${locale} ${shape}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** E.g. "12 345" in Swedish, "12,345" in English. */
export function formatCount(value: number): string {
  return numberFormat('integer', {}).format(value);
}

/** E.g. "3,5" in Swedish, "3.5" in English. */
export function formatDecimal(value: number): string {
  return numberFormat('one-decimal', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** Exactly `decimals` decimals, e.g. "0,42" or "−1,50" (Swedish writes the minus sign U+2212), "-1.50" in English. */
export function formatFixed(value: number, decimals: number): string {
  // 'negative': a value that rounds to zero is written "0,00", not "−0,00".
  return numberFormat(`fixed-${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' }).format(value);
}

/** A change with its sign, e.g. "+2,4" or "−0,35"; "+2.4" in English. */
export function formatChange(value: number): string {
  return numberFormat('change', { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value);
}

/** A share as "42 %" ("42%" in English); "–" when there is nothing to divide by. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return i18next.t('format.none');
  return numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** "1 h 05 min" or "12 min", for a shift's time checked in. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return i18next.t('format.minutes', { minutes });
  return i18next.t('format.hoursMinutes', { hours, minutes: String(minutes % 60).padStart(2, '0') });
}

/** "4:07" or "1:02:09", a call's running time. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

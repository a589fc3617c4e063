import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';

const integer = new Intl.NumberFormat('sv-SE');
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** E.g. "3,5". */
export function formatDecimal(value: number): string {
  return oneDecimal.format(value);
}

const fixed = new Map<number, Intl.NumberFormat>();

/** Exactly `decimals` decimals, e.g. "0,42" or "−1,50" (Swedish writes the minus sign U+2212). */
export function formatFixed(value: number, decimals: number): string {
  let format = fixed.get(decimals);
  if (!format) {
    // 'negative': a value that rounds to zero is written "0,00", not "−0,00".
    format = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' });
    fixed.set(decimals, format);
  }
  return format.format(value);
}

const signedDecimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** A change with its sign, e.g. "+2,4" or "−0,35". */
export function formatChange(value: number): string {
  return signedDecimal.format(value);
}

/** A share as "42 %"; "–" when there is nothing to divide by. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : sv.format.none;
}

/** "1 h 05 min" or "12 min", for a shift's time checked in. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return interpolate(sv.format.minutes, { minutes });
  return interpolate(sv.format.hoursMinutes, { hours, minutes: String(minutes % 60).padStart(2, '0') });
}

/** "4:07" or "1:02:09", a call's running time. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

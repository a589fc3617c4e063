import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../../client/src/i18n/en.ts';
import type { Language } from '../../../../client/src/i18n/locale.ts';
import { sv } from '../../../../client/src/i18n/sv.ts';
import { setCampaignZone } from '../../../../client/src/lib/campaign-clock.ts';
import { formatChange, formatCount, formatDecimal, formatDuration, formatShare } from '../../../../client/src/lib/format-number.ts';
import { formatDateTime, formatTime } from '../../../../client/src/lib/format-time.ts';

/** A Thursday evening: 18:05 in Stockholm (winter time, UTC+1). */
const INSTANT = '2026-11-12T17:05:00Z';
const NBSP = '\u00a0';

// As the page sets i18next up (i18n.ts), minus React and the browser's storage.
beforeAll(() => i18next.init({ lng: 'sv', fallbackLng: 'sv', resources: { sv: { translation: sv }, en: { translation: en } } }));

async function shownIn<T>(language: Language, show: () => T): Promise<T> {
  await i18next.changeLanguage(language);
  return show();
}

describe('numbers, dates and times follow the page’s language', () => {
  afterEach(async () => {
    setCampaignZone('Europe/Stockholm');
    await i18next.changeLanguage('sv');
  });

  it('writes decimals, thousands, signs and shares the Swedish or the English way', async () => {
    const figures = () => [formatDecimal(3.5), formatCount(12_345), formatChange(-0.35), formatShare(42, 100)];
    expect(await shownIn('sv', figures)).toEqual(['3,5', `12${NBSP}345`, '−0,35', `42${NBSP}%`]);
    expect(await shownIn('en', figures)).toEqual(['3.5', '12,345', '-0.35', '42%']);
  });

  it('writes the same instant in each language, on the campaign’s clock with a 24-hour day', async () => {
    const swedish = await shownIn('sv', () => [formatDateTime(INSTANT), formatTime(INSTANT)]);
    const english = await shownIn('en', () => [formatDateTime(INSTANT), formatTime(INSTANT)]);
    expect(swedish).toEqual(['tors 12 nov. 18:05', '18:05']);
    // en-GB: the day before the month, no AM/PM.
    expect(english).toEqual(['Thu 12 Nov, 18:05', '18:05']);
  });

  it('keeps the campaign’s time zone whatever the language', async () => {
    setCampaignZone('America/New_York');
    expect(await shownIn('sv', () => formatTime(INSTANT))).toBe('12:05');
    expect(await shownIn('en', () => formatTime(INSTANT))).toBe('12:05');
    expect(await shownIn('en', () => formatDateTime(INSTANT))).toBe('Thu 12 Nov, 12:05');
  });

  it('words a shift’s length from the language’s texts', async () => {
    expect(await shownIn('en', () => formatDuration(65 * 60_000))).toBe('1 h 05 min');
    expect(await shownIn('sv', () => formatDuration(12 * 60_000))).toBe('12 min');
  });
});

describe('texts with a count', () => {
  afterEach(async () => {
    await i18next.changeLanguage('sv');
  });

  it('take the singular or the plural form by the count, in both languages', async () => {
    const summary = (count: number) => i18next.t('listImport.fileFacts', { count, name: 'a.csv', rows: String(count) });
    expect(await shownIn('en', () => [summary(1), summary(2)])).toEqual(['a.csv: 1 row', 'a.csv: 2 rows']);
    expect(await shownIn('sv', () => [summary(1), summary(2)])).toEqual(['a.csv: 1 rad', 'a.csv: 2 rader']);
  });
});

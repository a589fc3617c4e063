import i18next from 'i18next';

/**
 * The languages and what each means for numbers, dates and times. Free of React and the DOM, so
 * the formatters and other plain modules (and the unit tests that run them in Node) can follow
 * the page's language without pulling either in; i18n.ts sets i18next up for the page.
 */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** English the British way: a 24-hour clock and the day before the month, as the Swedish shows them. */
const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** The language shown now. */
export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage;
  return isLanguage(language) ? language : 'sv';
}

/** The Intl locale for numbers, dates and times in the language shown now. */
export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}

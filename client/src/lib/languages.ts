import { CALLING_LANGUAGE } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { sv } from '../i18n/sv.ts';

type Named = keyof typeof sv.languages;

function isNamed(code: string): code is Named {
  return Object.hasOwn(sv.languages, code);
}

/** Languages a volunteer can name after a language barrier: every named one but the calling language. */
export const BARRIER_LANGUAGES = Object.keys(sv.languages).filter((code) => code !== CALLING_LANGUAGE);

/** "Arabiska" for `ar` ("Arabic" in English); a code the page has no name for is shown as the code. */
export function languageName(t: TFunction, code: string): string {
  return isNamed(code) ? t(`languages.${code}`) : code;
}

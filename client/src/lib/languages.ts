import { CALLING_LANGUAGE } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { currentLocale } from '../i18n/locale.ts';
import { sv } from '../i18n/sv.ts';

type Named = keyof typeof sv.languages;

function isNamed(code: string): code is Named {
  return Object.hasOwn(sv.languages, code);
}

/** The languages a volunteer can check in with (the server takes any two- or three-letter code). */
export const CALL_LANGUAGES = Object.keys(sv.languages) as (keyof typeof sv.languages)[];
/** Languages a volunteer can name after a language barrier: every listed one but the calling language. */
export const BARRIER_LANGUAGES: readonly string[] = CALL_LANGUAGES.filter((code) => code !== CALLING_LANGUAGE);

/**
 * "Arabiska" for `ar` ("Arabic" in English). A code outside the list (an import may carry any) is
 * named by the browser in the page's language, else shown as the code.
 */
export function languageName(t: TFunction, code: string): string {
  if (isNamed(code)) return t(`languages.${code}`);
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

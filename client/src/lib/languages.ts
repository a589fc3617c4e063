import { sv } from '../i18n/sv.ts';

const names: Readonly<Record<string, string>> = sv.languages;

/** "Arabiska" for `ar`; a code the page has no name for is shown as the code. */
export function languageName(code: string): string {
  return names[code] ?? code;
}

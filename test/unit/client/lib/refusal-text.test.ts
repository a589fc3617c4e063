import { REFUSAL_PARAMS, type RefusalReason } from '@ringstuga/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../../client/src/i18n/en.ts';
import { sv } from '../../../../client/src/i18n/sv.ts';
import { refusalText } from '../../../../client/src/lib/refusal-text.ts';

const placeholders = (text: string) => [...new Set(Array.from(text.matchAll(/\{\{\s*(\w+)/g), (match) => match[1]!))].sort();

// As the page sets i18next up (i18n.ts), minus React and the browser's storage.
beforeAll(() =>
  i18next.init({ lng: 'sv', fallbackLng: 'sv', resources: { sv: { translation: sv }, en: { translation: en } }, interpolation: { escapeValue: false } }),
);

const refusal = (error: Record<string, unknown>) => ({ error: { code: 'bad_file', message: 'English', ...error } });

describe('the server’s refusals in the page’s language', () => {
  it('has texts for every reason in both languages, each using exactly the params the server sends with it', () => {
    const mismatched = (Object.keys(REFUSAL_PARAMS) as RefusalReason[]).flatMap((reason) =>
      [sv, en]
        .map((texts) => placeholders(texts.refusals.reasons[reason]))
        .filter((used) => used.join() !== [...REFUSAL_PARAMS[reason]].sort().join())
        .map((used) => `${reason}: ${used.join()}`),
    );
    expect(mismatched).toEqual([]);
  });

  it('says a refusal with a reason in Swedish or English, its params written the language’s way', async () => {
    const tooMany = refusal({ code: 'too_large', reason: 'too_many_rows', params: { max: 200_000 } });
    await i18next.changeLanguage('sv');
    expect(refusalText(tooMany)).toBe('Filen har fler än 200\u00a0000 rader, och en import tar högst så många. Dela upp listan i mindre filer.');
    expect(refusalText(refusal({ reason: 'column_missing', params: { column: 'Mobil' } }))).toBe('Filen har ingen kolumn som heter ”Mobil”.');
    await i18next.changeLanguage('en');
    expect(refusalText(tooMany)).toBe('The file has more than 200,000 rows, and an import takes at most that many. Split the list into smaller files.');
    await i18next.changeLanguage('sv');
  });

  it('says a general code in the page’s language, and anything else as the server wrote it', () => {
    expect(refusalText(refusal({ code: 'not_found', message: 'No such booking of yours to cancel' }))).toBe('Det finns inte (längre). Ladda om sidan.');
    // A reason this page does not know (a newer server's) and a code without a text of its own: the message.
    expect(refusalText(refusal({ reason: 'a_newer_reason' }))).toBe('English');
    expect(refusalText(refusal({ code: 'invalid_request', message: 'capacity: Too small' }))).toBe('capacity: Too small');
    expect(refusalText({ ok: true })).toBeNull();
    expect(refusalText(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { en } from '../../../../client/src/i18n/en.ts';
import { sv } from '../../../../client/src/i18n/sv.ts';
import { textsOf } from '../../../helpers/texts.ts';

function placeholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(/\{\{\s*(\w+)/g), (match) => match[1]!))].sort();
}

/**
 * Keys whose English is the Swedish on purpose: the product's name, symbols, units both languages
 * write alike, and patterns made only of placeholders. Anything else the same is a text left untranslated.
 */
const SAME_IN_BOTH = new Set([
  'appName',
  'landing.title',
  'station.title',
  'station.untitled',
  'format.none',
  'planning.team',
  'format.minutes',
  'format.hoursMinutes',
  'tiles.status.offline',
  'tiles.listOption',
  'flags.station',
  'standingsPanel.period',
  'standingsPanel.caption',
  'listImport.encodings.utf-8',
  'screen.live',
  'setup.roomStations_one',
]);

const svTexts = textsOf(sv);
const enTexts = textsOf(en);

describe('the English and Swedish texts', () => {
  it('have exactly the same keys', () => {
    expect([...enTexts.keys()].sort()).toEqual([...svTexts.keys()].sort());
  });

  it('leave no text empty', () => {
    const empty = [...svTexts, ...enTexts].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same {{placeholders}} in each text', () => {
    const differing = [...svTexts]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(enTexts.get(key) ?? '').join())
      .map(([key, text]) => `${key}: sv ${placeholders(text).join()} / en ${placeholders(enTexts.get(key) ?? '').join()}`);
    expect(differing).toEqual([]);
  });

  it('give every plural both its forms, _one and _other', () => {
    const lonely = [...svTexts.keys()]
      .filter((key) => /_(one|other)$/.test(key))
      .filter((key) => !svTexts.has(key.replace(/_(one|other)$/, '_one')) || !svTexts.has(key.replace(/_(one|other)$/, '_other')));
    expect(lonely).toEqual([]);
  });

  it('have no English text that is still the Swedish, outside a short list of names and symbols', () => {
    const untranslated = [...svTexts].filter(([key, text]) => enTexts.get(key) === text && !SAME_IN_BOTH.has(key)).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('keep the list of deliberate sameness honest: each key on it exists and is the same in both', () => {
    const stale = [...SAME_IN_BOTH].filter((key) => !svTexts.has(key) || svTexts.get(key) !== enTexts.get(key));
    expect(stale).toEqual([]);
  });
});

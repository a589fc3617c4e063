import { describe, expect, it } from 'vitest';
import { zQuestionKey, zQuestionSet } from '@ringstuga/shared';
import { keyFromText, moved, newDraft, toQuestion, withKind, withText } from '../../../../client/src/questions/question-draft.ts';

describe('the questions editor’s drafts', () => {
  it('makes a valid key from any text: Swedish letters folded, punctuation to _, a digit or nothing prefixed, at most 40', () => {
    const cases: [string, string][] = [
      ['Vill du hjälpa till?', 'vill_du_hjalpa_till'],
      ['Åtgärd för ÖVERTORNEÅ!', 'atgard_for_overtornea'],
      ['2026: viktigaste frågan', 'fraga_2026_viktigaste_fragan'],
      ['???', 'fraga'],
      ['a'.repeat(60), 'a'.repeat(40)],
    ];
    for (const [text, key] of cases) {
      expect(keyFromText(text)).toBe(key);
      expect(zQuestionKey.safeParse(key).success, key).toBe(true);
    }
  });

  it('lets an unsaved key follow the text until it is typed, and never changes a saved one', () => {
    const draft = withText(newDraft('yes_no'), 'Tänker du rösta?');
    expect(draft.key).toBe('tanker_du_rosta');
    const typed = withText({ ...draft, key: 'rosta', keyEdited: true }, 'Tänker du rösta i år?');
    expect(typed.key).toBe('rosta');
    expect(withText({ ...draft, keyLocked: true }, 'Något annat').key).toBe('tanker_du_rosta');
  });

  it('sends what the contract takes: a choice with option keys from their texts, the others without options', () => {
    const help = newDraft('wants_to_help');
    expect(toQuestion(help)).toEqual({ key: 'vill_du_hjalpa_till', kind: 'wants_to_help', text: { sv: 'Vill du hjälpa till?' } });
    const choice = withKind(withText(newDraft('yes_no'), 'Viktigast?'), 'choice');
    choice.options = [
      { key: '', sv: 'Skolan', en: 'School' },
      { key: 'vard', sv: 'Vården', en: '' },
    ];
    const sent = { questions: [toQuestion(help), toQuestion(choice), toQuestion(withKind(choice, 'scale'))] };
    expect(sent.questions[1]!.options).toEqual([
      { key: 'skolan', text: { sv: 'Skolan', en: 'School' } },
      { key: 'vard', text: { sv: 'Vården' } },
    ]);
    expect(sent.questions[2]!.options).toBeUndefined();
    expect(zQuestionSet.safeParse({ questions: [sent.questions[0], sent.questions[1]] }).success).toBe(true);
  });

  it('moves a question one step, and leaves the list as it was at either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

import type { OkResult, ScreenQuestionChoice } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import type { QuestionTotalsRepo } from './question-totals.repo.ts';

/**
 * Which question each room's big screen shows, as its leader chose. Kept in memory: it steers a
 * display, not data, so a restart simply shows none until a leader picks again.
 */
export function createScreenQuestions(questions: QuestionTotalsRepo) {
  const chosen = new Map<number, ScreenQuestionChoice>();
  return {
    get: (roomId: number): ScreenQuestionChoice | null => chosen.get(roomId) ?? null,
    /** Choosing a question no list asks (or a removed one) answers not_found; null takes it off. */
    async set(q: Tx, roomId: number, choice: ScreenQuestionChoice | null, now: number): Promise<OkResult> {
      if (choice === null) {
        chosen.delete(roomId);
        return { ok: true };
      }
      const list = (await questions.totals(q, now)).find((l) => l.listId === choice.listId);
      if (!list?.questions.some((asked) => asked.key === choice.key)) return failure('not_found', 'No such question on that list');
      chosen.set(roomId, choice);
      return { ok: true };
    },
  };
}

export type ScreenQuestions = ReturnType<typeof createScreenQuestions>;

import fp from 'fastify-plugin';
import type { AnswerTotals } from '@ringstuga/shared';
import { answerTotals } from './answer-totals.ts';
import { createQuestionSetsRepo } from './question-sets.repo.ts';
import { questionsRoutes } from './questions.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    questions: {
      /** Answer totals over these lists, counts only (for a room's board: no person in them). */
      totalsForLists(listIds: number[]): AnswerTotals;
    };
  }
}

/**
 * Questions asked in the call (issue 15): the sets lists and campaigns ask. The answers themselves
 * are written by the calling loop (features/calling) with the outcome, checked against the cache
 * the calling plugin keeps; saving a set here drops what it changed from that cache.
 */
export const questionsPlugin = fp(
  async (app) => {
    const sets = createQuestionSetsRepo(app.db);
    app.decorate('questions', { totalsForLists: (listIds: number[]) => answerTotals(app.db, listIds) });
    await app.register(questionsRoutes({ lists: app.lists, sets, cache: app.questionCache }));
  },
  { name: 'questions', dependencies: ['database', 'auth', 'audit', 'lists', 'calling'] },
);

import fp from 'fastify-plugin';
import { questionsRoutes } from './questions.routes.ts';

/**
 * Questions asked in the call (issue 15): the sets lists and campaigns ask. The answers themselves
 * are written by the calling loop (features/calling) with the outcome, checked against the cache
 * the calling plugin keeps; saving a set here drops what it changed from that cache.
 */
export const questionsPlugin = fp(
  async (app) => {
    await app.register(questionsRoutes({ lists: app.lists, cache: app.questionCache }));
  },
  { name: 'questions', dependencies: ['database', 'auth', 'audit', 'lists', 'calling'] },
);

import fp from 'fastify-plugin';
import { QuestionCache } from '../questions/question-cache.ts';
import { liveQuestionViews } from '../lists/list-questions.ts';
import { CallingService } from './calling.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Hands out contacts and records outcomes (the allocator and the outcome write). */
    calling: CallingService;
    /** The lists' questions in memory (read on every card and outcome); saving a question set drops what it changed. */
    questionCache: QuestionCache;
  }
}

export const callingPlugin = fp(
  async (app) => {
    const { config } = app;
    const questionCache = new QuestionCache(liveQuestionViews);
    app.decorate('questionCache', questionCache);
    app.decorate(
      'calling',
      new CallingService(
        app.store,
        {
          leaseMs: config.leaseMs,
          retryCooldownMs: config.retryCooldownMs,
          maxAttempts: config.maxAttempts,
          callingHours: config.callingHours,
          timeZone: config.timeZone,
          contactsPerMinute: config.stationContactsPerMinute,
        },
        questionCache,
      ),
    );
  },
  { name: 'calling', dependencies: ['database'] },
);

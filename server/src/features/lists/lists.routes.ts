import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCallListSummary } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { createListsRepo } from './lists.repo.ts';

export const listsRoutes: FastifyPluginAsyncZod = async (app) => {
  const lists = createListsRepo(app.db.$client);
  app.get(
    '/api/lists',
    {
      onRequest: app.requireAdmin,
      schema: {
        summary: 'The call lists, each with its association and municipality',
        tags: ['lists'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ lists: z.array(zCallListSummary) }), 401: zHttpError },
      },
    },
    async () => ({ lists: lists.summaries() }),
  );
};

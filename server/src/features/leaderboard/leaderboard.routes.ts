import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zLeaderboard, zTotals } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';

export const leaderboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const secured = { onRequest: app.requireAdmin };
  app.get(
    '/api/leaderboard',
    {
      ...secured,
      schema: {
        summary: 'Per-municipality leaderboard',
        tags: ['leaderboard'],
        security: [{ bearer: [] }],
        response: { 200: zLeaderboard, 401: zHttpError, 403: zHttpError },
      },
    },
    async () => app.leaderboard.leaderboard(),
  );
  app.get(
    '/api/stats',
    {
      ...secured,
      schema: {
        summary: 'Campaign totals',
        tags: ['leaderboard'],
        security: [{ bearer: [] }],
        response: { 200: zTotals, 401: zHttpError, 403: zHttpError },
      },
    },
    async () => app.leaderboard.totals(),
  );
};

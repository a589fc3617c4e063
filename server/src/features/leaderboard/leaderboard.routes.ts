import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zLeaderboard, zStandings, zTotals } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';

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
        summary: "Campaign totals: one campaign's (campaignId), else every active campaign's together",
        tags: ['leaderboard'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ campaignId: z.coerce.number().int().positive().optional() }),
        response: { 200: zTotals, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { campaignId } = request.query;
      if (campaignId === undefined) return app.leaderboard.totals();
      if (!app.campaigns.exists(campaignId)) return replyError(reply, 'not_found', 'No such campaign');
      return app.leaderboard.totals(campaignId);
    },
  );
  app.get(
    '/api/standings',
    {
      onRequest: app.requireRole('admin', 'leader', 'screen'),
      schema: {
        summary: 'Standings per municipality and association, today and for the whole campaign; optionally from one room only',
        tags: ['leaderboard'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ roomId: z.coerce.number().int().positive().optional() }),
        response: { 200: zStandings, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { roomId } = request.query;
      if (roomId !== undefined && !app.rooms.find(roomId)) return replyError(reply, 'not_found', 'No such room');
      return app.standings.standings(roomId ?? null, app.now());
    },
  );
};

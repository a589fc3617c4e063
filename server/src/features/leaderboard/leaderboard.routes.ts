import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zLeaderboard, zStandings, zTotals } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';

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
    async () => app.store.read((q) => app.leaderboard.leaderboard(q)),
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
      if (campaignId !== undefined && !(await app.store.read((q) => app.campaigns.exists(q, campaignId)))) return replyError(reply, 'not_found', 'No such campaign');
      return app.store.read((q) => app.leaderboard.totals(q, campaignId ?? null));
    },
  );
  app.get(
    '/api/standings',
    {
      onRequest: app.requireRole('admin', 'leader', 'screen'),
      schema: {
        summary: 'Standings per municipality and association, today and for the whole campaign; optionally from one room only, or one campaign only',
        tags: ['leaderboard'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({
          roomId: z.coerce.number().int().positive().optional(),
          campaignId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: zStandings, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { roomId, campaignId } = request.query;
      if (roomId !== undefined && !(await app.store.read((q) => app.rooms.find(q, roomId)))) return replyError(reply, 'not_found', 'No such room');
      // An archived campaign is the admin's to read, as GET /api/campaigns shows it.
      const campaign = campaignId === undefined ? undefined : await app.store.read((q) => app.campaigns.find(q, campaignId));
      if (campaignId !== undefined && !(campaign && can(accessOf(request, 'admin', 'leader', 'screen'), 'seeCampaign', campaign))) {
        return replyError(reply, 'not_found', 'No such campaign');
      }
      return app.store.read((q) => app.standings.standings(q, roomId ?? null, app.now(), campaignId ?? null));
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCompareAxis, zCompareIds, zComparableCampaigns, zComparison } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { compareCampaign } from './campaign-series.ts';
import type { ComparisonRepo } from './comparison.repo.ts';

const ROLES = ['admin', 'leader', 'association'] as const;

/**
 * Campaigns side by side. Admin and leaders see everyone's figures; an association only its own
 * lists' calls and its own volunteers' shifts, in any campaign (what it did then, not what others did).
 */
export const comparisonRoutes = (repo: ComparisonRepo): FastifyPluginAsyncZod => async (app) => {
  const security = [{ bearer: [] }];

  app.get(
    '/api/campaigns/comparable',
    {
      onRequest: app.requireRole(...ROLES),
      schema: {
        summary: 'The campaigns a comparison can name, newest first',
        tags: ['campaigns'],
        security,
        response: { 200: zComparableCampaigns, 401: zHttpError, 403: zHttpError },
      },
    },
    async () => ({ campaigns: await app.store.read((q) => repo.allCampaigns(q)) }),
  );

  app.get(
    '/api/campaigns/compare',
    {
      onRequest: app.requireRole(...ROLES),
      schema: {
        summary:
          'Campaigns per day on one axis (days before election day, or since the start), with totals per association and municipality. ' +
          'axis=election refuses a campaign without an election day (400).',
        tags: ['campaigns'],
        security,
        querystring: z.strictObject({ ids: zCompareIds, axis: zCompareAxis }),
        response: { 200: zComparison, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { ids, axis } = request.query;
      const access = accessOf(request, ...ROLES);
      const associationId = access.role === 'association' ? access.associationId : null;
      const found = new Map((await app.store.read((q) => repo.campaigns(q, ids))).map((campaign) => [campaign.id, campaign]));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) return replyError(reply, 'not_found', `No such campaign: ${missing.join(', ')}`);
      const chosen = ids.map((id) => found.get(id)!);
      const undated = chosen.filter((campaign) => campaign.electionDay === null);
      if (axis === 'election' && undated.length > 0) {
        // No reason for a page: the comparison page offers the election axis for dated campaigns only.
        return replyError(reply, 'bad_request', `Without an election day (compare these on axis=start): campaign ${undated.map((c) => c.id).join(', ')}`);
      }
      const timeZone = app.config.timeZone;
      const compared = await app.store.read(async (q) => {
        const each = [];
        for (const campaign of chosen) {
          const rows = { hours: await repo.hours(q, campaign.id, associationId), shifts: await repo.shifts(q, campaign.id, associationId) };
          each.push(compareCampaign(campaign, rows, { axis, timeZone }));
        }
        return each;
      });
      return { campaigns: compared };
    },
  );
};

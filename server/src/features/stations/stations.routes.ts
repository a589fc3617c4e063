import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zStationLink, zStationScopeInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { can, leaderLinkOf } from '../auth/policy.ts';
import { renewStationLink, stationLink } from './station-link.ts';

export const stationsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Admin only (and a leader for the remote stations of their room): a join link reaches contacts'
  // names and numbers, and a leader whose link is revoked must not keep that reach through links
  // collected earlier.
  app.get(
    '/api/stations',
    {
      onRequest: app.requireAdmin,
      schema: {
        summary: 'The stations with their join links',
        tags: ['stations'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ stations: z.array(zStationLink) }), 401: zHttpError, 403: zHttpError },
      },
    },
    async (request) => {
      const key = app.tokenKey;
      const stations = await app.store.read((q) => app.stations.list(q));
      return { stations: stations.map((station) => stationLink(app, request, station, key)) };
    },
  );

  app.post(
    '/api/stations/:number/token',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary:
          "Gives a station a new join link: the old one stops working and the station's open connections close. A leader reaches their own room's remote stations only",
        tags: ['stations'],
        security: [{ bearer: [] }],
        params: z.strictObject({ number: z.coerce.number().int().positive() }),
        response: { 200: zStationLink, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'leader');
      const before = await app.store.read((q) => app.stations.byNumber(q, request.params.number));
      const reachable = before && can(access, 'renewStationLink', before);
      if (!reachable) return replyError(reply, 'not_found', 'No such station');
      return stationLink(app, request, await renewStationLink(app, before, actorOf(access), leaderLinkOf(access)));
    },
  );

  app.put(
    '/api/stations/:number/list',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary:
          "Fixes a station to one list, or (listId null) frees it to call its volunteer's association's lists; from its next contact on. A leader reaches their own room's stations only",
        tags: ['stations'],
        security: [{ bearer: [] }],
        params: z.strictObject({ number: z.coerce.number().int().positive() }),
        body: zStationScopeInput,
        response: {
          200: z.object({ number: z.number().int(), listId: z.number().int().nullable() }),
          401: zHttpError,
          403: zHttpError,
          404: zHttpError,
        },
      },
    },
    async (request, reply) => {
      const { listId } = request.body;
      const station = await app.store.read((q) => app.stations.byNumber(q, request.params.number));
      const result = await app.stationScope(station, listId, accessOf(request, 'admin', 'leader'));
      if (!result.ok) return replyError(reply, result.error.code, result.error.message);
      return { number: result.station.number, listId };
    },
  );
};

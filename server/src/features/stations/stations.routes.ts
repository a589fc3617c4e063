import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zStationLink, zStationScopeInput } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { stationToken, tokenKey } from '../auth/tokens.ts';
import { createListsRepo } from '../lists/lists.repo.ts';
import { listStations, setStationList } from './stations.repo.ts';

export const stationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/stations',
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: 'The stations with their join links',
        tags: ['stations'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ stations: z.array(zStationLink) }), 401: zHttpError },
      },
    },
    async (request) => {
      const key = tokenKey(app.db);
      const origin = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return {
        stations: listStations(app.db).map((station) => {
          const token = stationToken(key, station.number);
          // The token travels in the fragment, which browsers never send to a server or its logs.
          return {
            id: station.id,
            number: station.number,
            name: station.name,
            token,
            url: `${origin}/station#token=${token}`,
            listId: station.listId,
          };
        }),
      };
    },
  );

  app.put(
    '/api/stations/:number/list',
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "Fixes a station to one list, or (listId null) lets it call every active list; from its next contact on",
        tags: ['stations'],
        security: [{ bearer: [] }],
        params: z.strictObject({ number: z.coerce.number().int().positive() }),
        body: zStationScopeInput,
        response: { 200: z.object({ number: z.number().int(), listId: z.number().int().nullable() }), 401: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { listId } = request.body;
      if (listId !== null && !createListsRepo(app.db.$client).exists(listId)) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such list' } });
      }
      if (!setStationList(app.db, request.params.number, listId)) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such station' } });
      }
      return { number: request.params.number, listId };
    },
  );
};

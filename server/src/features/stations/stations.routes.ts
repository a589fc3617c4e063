import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zStationLink } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { stationToken, tokenKey } from '../auth/tokens.ts';
import { listStations } from './stations.repo.ts';

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
          return { id: station.id, number: station.number, name: station.name, token, url: `${origin}/station#token=${token}` };
        }),
      };
    },
  );
};

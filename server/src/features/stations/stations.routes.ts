import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zStationLink, zStationScopeInput } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { stationChannel } from '../../realtime/realtime.ts';
import { accessOf } from '../auth/access.ts';
import { stationToken, tokenKey } from '../auth/tokens.ts';
import { createListsRepo } from '../lists/lists.repo.ts';
import { findStationByNumber, listStations, rotateStationToken, setStationList, type StationRow } from './stations.repo.ts';

export const stationsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Admin only: a join link reaches contacts' names and numbers, and a leader whose link is
  // revoked must not keep that reach through station links collected earlier.
  const linkOf = (station: StationRow, key: string, origin: string) => {
    const token = stationToken(key, station.number, station.tokenGeneration);
    // The token travels in the fragment, which browsers never send to a server or its logs.
    return {
      id: station.id,
      number: station.number,
      name: station.name,
      token,
      url: `${origin}/station#token=${token}`,
      listId: station.listId,
      roomId: station.roomId,
    };
  };
  const originOf = (request: FastifyRequest) => app.config.publicUrl ?? `${request.protocol}://${request.host}`;

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
      const key = tokenKey(app.db);
      return { stations: listStations(app.db).map((station) => linkOf(station, key, originOf(request))) };
    },
  );

  app.post(
    '/api/stations/:number/token',
    {
      onRequest: app.requireAdmin,
      schema: {
        summary: "Gives a station a new join link: the old one stops working and the station's open connections close",
        tags: ['stations'],
        security: [{ bearer: [] }],
        params: z.strictObject({ number: z.coerce.number().int().positive() }),
        response: { 200: zStationLink, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      if (rotateStationToken(app.db, request.params.number) === undefined) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such station' } });
      }
      const station = findStationByNumber(app.db, request.params.number)!;
      app.realtime.stations.in(stationChannel(station.id)).disconnectSockets(true);
      return linkOf(station, tokenKey(app.db), originOf(request));
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
      const access = accessOf(request, 'admin', 'leader');
      const station = findStationByNumber(app.db, request.params.number);
      // Another room's station is as missing to a leader as one that does not exist.
      if (!station || (access.role !== 'admin' && station.roomId !== access.roomId)) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such station' } });
      }
      if (listId !== null && !createListsRepo(app.db.$client).exists(listId)) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such list' } });
      }
      setStationList(app.db, station.number, listId);
      app.realtime.stations.to(stationChannel(station.id)).emit('lists:changed');
      app.roomState.markDirty(station.roomId);
      return { number: station.number, listId };
    },
  );
};

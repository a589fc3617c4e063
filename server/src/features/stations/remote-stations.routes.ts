import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zRemoteStationInput, zStationLink } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { tokenKey } from '../auth/tokens.ts';
import { stationLink } from './station-link.ts';
import { addRemoteStation, listRemoteStations } from './stations.repo.ts';

const zRoomParams = z.strictObject({ id: z.coerce.number().int().positive() });

/**
 * Remote stations: a call leader makes one for a volunteer calling from home or another site, and
 * hands over its join link. A leader reaches their own room's only; the admin every room's.
 */
export const remoteStationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearer: [] }];
  const noRoom = { error: { code: 'not_found', message: 'No such room' } };
  // Another room is as missing to a leader as a room that does not exist.
  const roomReachable = (roomId: number, access: ReturnType<typeof accessOf<'admin' | 'leader'>>) =>
    app.rooms.find(roomId) !== undefined && (access.role === 'admin' || access.roomId === roomId);

  app.post(
    '/api/rooms/:id/remote-stations',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: 'Makes a remote station in a room and returns its join link (for a volunteer on their own phone or computer)',
        tags: ['stations'],
        security,
        params: zRoomParams,
        body: zRemoteStationInput,
        response: { 201: zStationLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      if (!roomReachable(request.params.id, accessOf(request, 'admin', 'leader'))) return reply.code(404).send(noRoom);
      const station = addRemoteStation(app.db, request.params.id, request.body.name, app.now());
      app.roomState.markDirty(station.roomId);
      return reply.code(201).send(stationLink(app, request, station));
    },
  );

  app.get(
    '/api/rooms/:id/remote-stations',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: "A room's remote stations with their join links",
        tags: ['stations'],
        security,
        params: zRoomParams,
        response: { 200: z.object({ stations: z.array(zStationLink) }), 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      if (!roomReachable(request.params.id, accessOf(request, 'admin', 'leader'))) return reply.code(404).send(noRoom);
      const key = tokenKey(app.db);
      return { stations: listRemoteStations(app.db, request.params.id).map((station) => stationLink(app, request, station, key)) };
    },
  );
};

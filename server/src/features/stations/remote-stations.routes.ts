import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zRemoteStationInput, zStationLink } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { can, leaderLinkOf } from '../auth/policy.ts';
import { stationLink } from './station-link.ts';

/**
 * Remote stations: a call leader makes one for a volunteer calling from home or another site and
 * hands over its join link, shown once (a leader lists no links: revoking the leader's own link
 * renews the links of the stations it made). A leader reaches their own room only.
 */
export const remoteStationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/rooms/:id/remote-stations',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: 'Makes a remote station in a room and returns its join link (for a volunteer on their own phone or computer)',
        tags: ['stations'],
        security: [{ bearer: [] }],
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        body: zRemoteStationInput,
        response: { 201: zStationLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'leader');
      const roomId = request.params.id;
      // Another room is as missing to a leader as a room that does not exist.
      if (!(await app.store.read((q) => app.rooms.find(q, roomId))) || !can(access, 'steerRoom', { roomId })) {
        return replyError(reply, 'not_found', 'No such room');
      }
      // The station and its audit row are one write.
      const key = app.tokenKey;
      const station = await app.store.write(async (q) => {
        const made = await app.stations.addRemote(q, key, roomId, request.body.name, app.now(), leaderLinkOf(access));
        await app.audit.add(q, { actor: actorOf(access), action: 'station_create', target: `station:${made.id}`, detail: { roomId, remote: true } });
        return made;
      });
      app.announce.roomChanged(station.roomId);
      return reply.code(201).send(stationLink(app, request, station, key));
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_STATIONS_AT_ONCE, zRoomInput, zRoomSummary } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';

const zRoomParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const roomsRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearer: [] }];
  app.get(
    '/api/rooms',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: "The rooms (sites) with their station counts; a leader sees only their own room",
        tags: ['rooms'],
        security,
        // With the campaign's clock, on which the set-up page shows when its links were made.
        response: { 200: z.object({ timeZone: z.string(), rooms: z.array(zRoomSummary) }), 401: zHttpError, 403: zHttpError },
      },
    },
    async (request) => {
      const access = accessOf(request, 'admin', 'leader');
      const rooms = await app.store.read((q) => app.rooms.all(q));
      return { timeZone: app.config.timeZone, rooms: rooms.filter((room) => can(access, 'seeRoom', { roomId: room.id })) };
    },
  );

  app.post(
    '/api/rooms',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Adds a room (site)',
        tags: ['rooms'],
        security,
        body: zRoomInput,
        response: { 201: zRoomSummary, 401: zHttpError, 403: zHttpError, 409: zHttpError },
      },
    },
    async (request, reply) => {
      // Checked and made in one write: two requests for one name make one room.
      const id = await app.store.write((q) => app.rooms.create(q, request.body.name, app.now()));
      if (id === null) return replyError(reply, 'conflict', 'A room with that name exists', { reason: 'room_name_taken' });
      return reply.code(201).send({ id, name: request.body.name, stations: 0, address: null });
    },
  );

  app.post(
    '/api/rooms/:id/stations',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Adds stations to a room; their join links are in GET /api/stations',
        tags: ['rooms'],
        security,
        params: zRoomParams,
        body: z.strictObject({ count: z.number().int().min(1).max(MAX_STATIONS_AT_ONCE) }),
        response: { 201: z.object({ numbers: z.array(z.number().int()) }), 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // Checked inside the write: stations join a room that exists.
      const key = app.tokenKey;
      const numbers = await app.store.write(async (q) => ((await app.rooms.find(q, id)) ? app.stations.addToRoom(q, key, id, request.body.count, app.now()) : null));
      if (numbers === null) return replyError(reply, 'not_found', 'No such room');
      return reply.code(201).send({ numbers });
    },
  );
};

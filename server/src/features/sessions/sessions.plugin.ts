import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zRoomAddress, zRoomAddressInput, zSession, zSessionInput, zSessionsQuery, zSessionUpdate } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import type { Tx } from '../../db/store/store.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import { createPlaces, lockPlaces, type Places } from './places.ts';
import { Refusal } from './refusal.ts';
import { createSessionsRepo, type SessionsRepo } from './sessions.repo.ts';
import { createSessionsService, type SessionsService } from './sessions.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Calling sessions and the places in them, for sign-up, teams and the personal page. */
    sessions: {
      repo: SessionsRepo;
      service: SessionsService;
      places: Places;
      /** Runs a store write that may book, cancel or move bookings; once it commits, the rooms' "expected now" follows. */
      writeBookings: <T>(work: (q: Tx) => Promise<T>) => Promise<T>;
    };
  }
}

/** Answers a rule's refusal with its code; anything else is not ours to answer. */
export function replyRefusal(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof Refusal) return replyError(reply, error.code, error.message, error.why);
  throw error;
}

const zId = z.strictObject({ id: z.coerce.number().int().positive() });
const zSessions = z.object({ sessions: z.array(zSession) });
const FAR_FUTURE = 8.64e15;

/** Calling sessions: a room's time slots that volunteers book. A leader makes them for their room, the admin for any. */
export const sessionsPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const places = createPlaces();
    const repo = createSessionsRepo(places);
    const service = createSessionsService({ repo, places, timeZone: app.config.timeZone, callingHours: app.config.callingHours });
    const writeBookings = async <T>(work: (q: Tx) => Promise<T>): Promise<T> => {
      const result = await app.store.write(work);
      // After the commit, never inside the write (which PostgreSQL may run again).
      app.announce.bookingsChanged();
      return result;
    };
    app.decorate('sessions', { repo, service, places, writeBookings });
    const security = [{ bearer: [] }];
    const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError, 409: zHttpError };

    app.post(
      '/api/rooms/:id/sessions',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: 'Makes one session, or a series (local times on the campaign clock), in a room; a series is made whole or not at all',
          description:
            'campaignId: the campaign the sessions belong to, which must be active (an archived or unknown one answers 400); left out, the active campaign that started last.',
          tags: ['sessions'],
          security,
          params: zId,
          body: zSessionInput,
          response: { 201: zSessions, ...errors },
        },
      },
      async (request, reply) => {
        const roomId = request.params.id;
        if (!can(accessOf(request, 'admin', 'leader'), 'steerRoom', { roomId })) {
          return replyError(reply, 'forbidden', 'A leader makes sessions for their own room only');
        }
        if (!(await app.store.read((q) => app.rooms.find(q, roomId)))) return replyError(reply, 'not_found', 'No such room');
        try {
          const sessions = await app.store.write(async (q) => {
            const campaign = await app.campaigns.campaignForNew(q, request.body.campaignId);
            if (!campaign.ok) throw new Refusal(campaign.code, campaign.message, campaign.why);
            return service.create(q, roomId, request.body, campaign.value, app.now());
          });
          return reply.code(201).send({ sessions });
        } catch (error) {
          return replyRefusal(reply, error);
        }
      },
    );

    app.get(
      '/api/rooms/:id/sessions',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: "A room's sessions that are not cancelled and end after `from` (default now) and start before `to`",
          tags: ['sessions'],
          security,
          params: zId,
          querystring: zSessionsQuery,
          response: { 200: zSessions, ...errors },
        },
      },
      async (request, reply) => {
        const roomId = request.params.id;
        if (!can(accessOf(request, 'admin', 'leader'), 'steerRoom', { roomId })) {
          return replyError(reply, 'forbidden', "A leader sees their own room's sessions only");
        }
        if (!(await app.store.read((q) => app.rooms.find(q, roomId)))) return replyError(reply, 'not_found', 'No such room');
        const from = request.query.from ? Date.parse(request.query.from) : app.now();
        const to = request.query.to ? Date.parse(request.query.to) : FAR_FUTURE;
        const sessions = await app.store.read(async (q) => {
          const summaries = [];
          for (const row of await repo.inRoom(q, roomId, from, to)) summaries.push(await repo.summary(q, row));
          return summaries;
        });
        return { sessions };
      },
    );

    app.put(
      '/api/rooms/:id/address',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: "Sets where volunteers go for a room's sessions (null clears it); shown at sign-up, on the personal page and in the calendar",
          tags: ['sessions', 'rooms'],
          security,
          params: zId,
          body: zRoomAddressInput,
          response: { 200: zRoomAddress, ...errors },
        },
      },
      async (request, reply) => {
        const roomId = request.params.id;
        if (!can(accessOf(request, 'admin', 'leader'), 'steerRoom', { roomId })) {
          return replyError(reply, 'forbidden', "A leader sets their own room's address only");
        }
        if (!(await app.store.read((q) => app.rooms.find(q, roomId)))) return replyError(reply, 'not_found', 'No such room');
        const address = request.body.address || null;
        await app.store.write((q) => repo.setAddress(q, roomId, address));
        return { id: roomId, address };
      },
    );

    /** The session, if the caller steers its room; another room's session is answered as missing. */
    const steered = async (q: Tx, request: Parameters<typeof accessOf>[0], id: number) => {
      const session = await repo.find(q, id);
      return session && can(accessOf(request, 'admin', 'leader'), 'steerRoom', { roomId: session.roomId }) ? session : undefined;
    };

    app.patch(
      '/api/sessions/:id',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: 'Moves a session or changes its capacity; everyone booked is told of a new time',
          tags: ['sessions'],
          security,
          params: zId,
          body: zSessionUpdate,
          response: { 200: zSession, ...errors },
        },
      },
      async (request, reply) => {
        try {
          const session = await writeBookings(async (q) => {
            // Before reading the session: its capacity is checked against places a sign-up or a team may be taking.
            await lockPlaces(q, request.params.id);
            const found = await steered(q, request, request.params.id);
            return found && service.update(q, found, request.body, app.now());
          });
          return session ?? replyError(reply, 'not_found', 'No such session');
        } catch (error) {
          return replyRefusal(reply, error);
        }
      },
    );

    app.delete(
      '/api/sessions/:id',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: 'Cancels a session; everyone booked or waiting is told, and their bookings read cancelled',
          tags: ['sessions'],
          security,
          params: zId,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const cancelled = await writeBookings(async (q) => {
          // Before reading it: a sign-up that read the session as open must not book into it once cancelled.
          await lockPlaces(q, request.params.id);
          const found = await steered(q, request, request.params.id);
          if (found) await service.cancel(q, found, app.now());
          return found !== undefined;
        });
        return cancelled ? reply.code(204).send(null) : replyError(reply, 'not_found', 'No such session');
      },
    );
  },
  { name: 'sessions', dependencies: ['auth', 'realtime', 'rooms', 'campaigns'] },
);

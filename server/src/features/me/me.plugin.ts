import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zBookingResult, zMe, zMoreBookingsInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { replyRefusal } from '../sessions/sessions.plugin.ts';
import { pageLink } from '../sessions/page-link.ts';
import { linkAuth } from '../signup/token-auth.ts';
import type { VolunteerRef } from '../signup/volunteers.repo.ts';
import { writeCalendar } from './ics.ts';
import { createMyBookingsRepo } from './my-bookings.repo.ts';

const zOk = z.object({ ok: z.literal(true) });
/** Bookings a calendar shows: every one not cancelled. */
const IN_CALENDAR = new Set(['booked', 'waitlisted', 'attended', 'no_show']);

/** The personal page's API (`/me#token=…`): one volunteer's bookings and pledges, with their personal token. */
export const mePlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const { volunteers, offer } = app.signup;
    const { places } = app.sessions;
    const bookings = createMyBookingsRepo();
    const resolve = (token: string) => app.store.read((q) => volunteers.findByToken(q, token));
    const bearer = linkAuth<VolunteerRef>(app, resolve, { needs: 'a personal link' });
    // Calendar apps cannot send headers: the feed also takes the token in its URL.
    const feed = linkAuth<VolunteerRef>(app, resolve, { needs: 'a personal link', fromQuery: true });
    const security = [{ bearer: [] }];
    const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError, 409: zHttpError };

    app.get(
      '/api/me',
      {
        onRequest: bearer.hook,
        schema: {
          summary: 'The personal page: my bookings (with their sessions as they stand now) and my pledges',
          tags: ['me'],
          security,
          response: { 200: zMe, 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => {
        const me = bearer.holderOf(request);
        const [mine, pledges] = await app.store.read(async (q) => [await bookings.of(q, me.id), await app.pledges.ofVolunteer(q, me.id)] as const);
        return {
          timeZone: app.config.timeZone,
          name: me.name,
          associationId: me.associationId,
          bookings: mine.map((row) => ({
            id: row.id,
            sessionId: row.sessionId,
            roomId: row.roomId,
            room: row.room,
            address: row.address,
            startsAt: new Date(row.startsAt).toISOString(),
            endsAt: new Date(row.endsAt).toISOString(),
            status: row.status,
            sessionCancelled: row.sessionCancelledAt !== null,
          })),
          pledges,
        };
      },
    );

    app.post(
      '/api/me/bookings',
      {
        onRequest: bearer.hook,
        schema: {
          summary: 'Books more upcoming sessions (waitlisted where full); a session already booked stays as it is',
          tags: ['me'],
          security,
          body: zMoreBookingsInput,
          response: { 201: z.object({ bookings: z.array(zBookingResult) }), ...errors },
        },
      },
      async (request, reply) => {
        const me = bearer.holderOf(request);
        try {
          const made = await app.sessions.writeBookings((q) => offer.book(q, { kind: 'open', roomId: null }, me.id, request.body.sessionIds, app.now()));
          return reply.code(201).send({ bookings: made });
        } catch (error) {
          return replyRefusal(reply, error);
        }
      },
    );

    app.delete(
      '/api/me/bookings/:id',
      {
        onRequest: bearer.hook,
        schema: {
          summary: 'Cancels one of my bookings before its session starts; the first one waiting moves up. Cancelling a cancelled booking again answers 200 and changes nothing',
          tags: ['me'],
          security,
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          response: { 200: zOk, ...errors },
        },
      },
      async (request, reply) => {
        const me = bearer.holderOf(request);
        const result = await app.sessions.writeBookings(async (q) => {
          const booking = (await bookings.of(q, me.id)).find((row) => row.id === request.params.id);
          if (booking?.status === 'attended') return 'attended' as const;
          // Cancelled already (a retried request, or the session was cancelled): nothing left to do.
          if (booking?.status === 'cancelled') return 'ok' as const;
          if (!booking || (booking.status !== 'booked' && booking.status !== 'waitlisted')) return 'not_found' as const;
          if (booking.startsAt <= app.now()) return 'conflict' as const;
          await places.cancel(q, booking.id, booking.sessionId, app.now());
          return 'ok' as const;
        });
        if (result === 'not_found') return replyError(reply, 'not_found', 'No such booking of yours to cancel');
        if (result === 'conflict') return replyError(reply, 'conflict', 'The session has started', { reason: 'session_started' });
        if (result === 'attended') return replyError(reply, 'conflict', 'You have checked in to this session: there is nothing left to cancel', { reason: 'booking_attended' });
        return { ok: true as const };
      },
    );

    app.delete(
      '/api/me',
      {
        onRequest: bearer.hook,
        schema: {
          summary: 'Deletes my contact details: name, email and phone are blanked, my future bookings cancelled, and this link stops working',
          tags: ['me'],
          security,
          response: { 200: zOk, 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => {
        const me = bearer.holderOf(request);
        await app.eraseVolunteer(me.id, `volunteer:${me.id}`);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/me/calendar.ics',
      {
        onRequest: feed.hook,
        schema: {
          summary: 'My bookings as an iCalendar feed (text/calendar); subscribable as /api/me/calendar.ics?token=… since calendar apps send no headers',
          tags: ['me'],
          security,
          querystring: z.strictObject({ token: z.string().max(512).optional() }),
          produces: ['text/calendar'],
          response: { 200: z.string(), 401: zHttpError, 403: zHttpError },
        },
      },
      async (request, reply) => {
        const me = feed.holderOf(request);
        const [token, mine] = await app.store.read(async (q) => [await volunteers.tokenOf(q, me.id), await bookings.of(q, me.id)] as const);
        const link = pageLink(app.config.publicUrl, request, '/me', token).url;
        const events = mine
          .filter((row) => IN_CALENDAR.has(row.status))
          .map((row) => ({
            uid: `booking-${row.id}@ringstuga`,
            start: row.startsAt,
            end: row.endsAt,
            summary: row.status === 'waitlisted' ? `Ringpass (reserv): ${row.room}` : `Ringpass: ${row.room}`,
            location: row.address ? `${row.room}, ${row.address}` : row.room,
            description: `Din sida, där du kan avboka: ${link}`,
            url: link,
            status: row.status === 'waitlisted' ? ('TENTATIVE' as const) : ('CONFIRMED' as const),
            sequence: row.revision,
          }));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(writeCalendar({ name: 'Ringstuga', now: app.now(), events }));
      },
    );
  },
  { name: 'me', dependencies: ['sessions', 'signup', 'pledges', 'volunteers'] },
);

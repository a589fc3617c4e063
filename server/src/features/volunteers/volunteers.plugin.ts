import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zVolunteerEmail, zVolunteerPhone } from '@ringstuga/shared';
import { normalisePhone } from '@ringstuga/shared/phone';
import type { Tx } from '../../db/store/store.ts';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { createVolunteerErasure, VOLUNTEER_TABLES, type VolunteersErased } from './volunteer-erasure.repo.ts';
import { findVolunteers } from './volunteer-lookup.ts';

/** The advisory lock a retention sweep holds on PostgreSQL. */
export const RETENTION_SWEEP_LOCK = 'job:volunteer-retention';

declare module 'fastify' {
  interface FastifyInstance {
    /** Erases one volunteer's details (future bookings cancelled, places given on, unsent mail dropped); null if unknown. */
    eraseVolunteer: (id: number, actor: string) => Promise<VolunteersErased | null>;
    /** Removes the details of volunteers with no booking for VOLUNTEER_RETENTION_DAYS (also daily). */
    sweepVolunteerRetention: () => Promise<VolunteersErased>;
    /** The purge's part for volunteers (every one, or those whose every booking is in `campaignId`'s sessions): call inside the purge's store write. */
    purgeVolunteers: (q: Tx, campaignId: number | null, now: number) => Promise<VolunteersErased>;
  }
}

const RETENTION_EVERY_MS = 24 * 3_600_000;

const zVolunteerErased = z.object({
  bookingsCancelled: z.number().int().meta({ description: 'bookings of sessions not yet begun, now cancelled' }),
  messagesDropped: z.number().int().meta({ description: 'unsent emails to them, deleted' }),
});

const zVolunteerFound = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  lastBookedAt: z.iso.datetime({ offset: true }).nullable(),
  bookings: z.number().int(),
});

// As the sign-up takes them: the email lower-cased, the phone however it is written.
const zVolunteerQuery = z
  .strictObject({ email: zVolunteerEmail.optional(), phone: zVolunteerPhone.optional() })
  .refine((query) => query.email !== undefined || query.phone !== undefined, 'give email or phone (or both)');

/** Volunteers' personal data: found and erased on request, and the retention limit. */
export const volunteersPlugin = fp(
  async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const erasure = createVolunteerErasure((q, bookingId, sessionId, now) => app.sessions.places.cancel(q, bookingId, sessionId, now));

    // Erased rows' old versions stay in the store's files (SQLite's WAL, PostgreSQL's dead rows) until scrubbed, once committed.
    const scrubbed = async (work: (q: Tx) => Promise<VolunteersErased | null>) => {
      const erased = await app.sessions.writeBookings(work);
      if (erased && erased.volunteers > 0) await app.store.scrub(VOLUNTEER_TABLES);
      return erased;
    };

    /** One volunteer, asked by the admin or by themselves (`volunteer:<id>`): one write, audited. */
    const eraseVolunteer = (id: number, actor: string) =>
      scrubbed(async (q) => {
        const done = await erasure.eraseOne(q, id, app.now());
        if (done) await app.audit.add(q, { actor, action: 'erase', target: `volunteer:${id}`, detail: { bookingsCancelled: done.bookingsCancelled, messagesDropped: done.messagesDropped } });
        return done;
      });
    app.decorate('eraseVolunteer', eraseVolunteer);

    app.get(
      '/api/volunteers/find',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'The volunteers with this email or phone: whom a person asking to be erased is (DELETE /api/volunteers/{id})',
          description: 'Audited as a view (how many were found, never what was asked).',
          tags: ['privacy'],
          security: [{ bearer: [] }],
          querystring: zVolunteerQuery,
          response: { 200: z.object({ volunteers: z.array(zVolunteerFound) }), 400: zHttpError, 401: zHttpError, 403: zHttpError },
        },
      },
      async (request, reply) => {
        const { email } = request.query;
        const phone = request.query.phone === undefined ? undefined : normalisePhone(request.query.phone);
        if (phone === null) return replyError(reply, 'invalid_phone', 'Not a phone number');
        const by = email !== undefined && phone !== undefined ? 'email_or_phone' : email !== undefined ? 'email' : 'phone';
        const found = await app.store.write(async (q) => {
          const rows = await findVolunteers(q, { email, phone });
          await app.audit.add(q, { actor: 'admin', action: 'view', target: 'volunteers', detail: { view: 'find', by, volunteers: rows.length } });
          return rows;
        });
        return { volunteers: found.map((row) => ({ ...row, lastBookedAt: row.lastBookedAt === null ? null : new Date(row.lastBookedAt).toISOString() })) };
      },
    );

    app.delete(
      '/api/volunteers/:id',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: "Erases a volunteer's name, email and phone; their personal link stops working",
          description:
            'Their bookings of sessions not yet begun are cancelled and their unsent emails deleted; the blank row stays for the anonymous attendance counts. Asking again answers the same way.',
          tags: ['privacy'],
          security: [{ bearer: [] }],
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          response: { 200: zVolunteerErased, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const erased = await eraseVolunteer(request.params.id, actorOf(accessOf(request, 'admin')));
        if (!erased) return replyError(reply, 'not_found', 'No such volunteer');
        return { bookingsCancelled: erased.bookingsCancelled, messagesDropped: erased.messagesDropped };
      },
    );

    const sweepVolunteerRetention = async () =>
      (await scrubbed(async (q) => {
        // On several nodes one sweeps at a time; another round just after finds no one left to erase.
        if (!(await q.tryLock(RETENTION_SWEEP_LOCK))) return { volunteers: 0, bookingsCancelled: 0, messagesDropped: 0 };
        const now = app.now();
        const erased = await erasure.eraseIdle(q, now - app.config.volunteerRetentionMs, now);
        if (erased.volunteers > 0) await app.audit.add(q, { actor: 'system', action: 'erase', target: 'volunteers', detail: { reason: 'retention', ...erased } });
        return erased;
      }))!;
    app.decorate('sweepVolunteerRetention', sweepVolunteerRetention);
    app.decorate('purgeVolunteers', (q: Tx, campaignId: number | null, now: number) =>
      campaignId === null ? erasure.eraseAll(q, now) : erasure.eraseOnlyIn(q, campaignId, now),
    );

    const sweep = () => sweepVolunteerRetention().catch((error: unknown) => app.log.warn({ err: error }, 'volunteer retention sweep failed'));
    // Once before the server listens (a server restarted nightly would never reach the daily timer), then daily.
    app.addHook('onReady', async () => {
      await sweep();
    });
    const timer = setInterval(() => void sweep(), RETENTION_EVERY_MS);
    timer.unref();
    app.addHook('preClose', async () => clearInterval(timer));
  },
  { name: 'volunteers', dependencies: ['auth', 'audit', 'sessions'] },
);

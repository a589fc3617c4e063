import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zPledge, zPledgeInput, zPledgeProgress } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { pageLink } from '../sessions/page-link.ts';
import { createPledgesRepo, type PledgesRepo } from './pledges.repo.ts';
import { can } from '../auth/policy.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pledges: PledgesRepo;
  }
}

/** Pledges: "X shifts before election day" for a named person, whose personal link shows how far they have come. */
export const pledgesPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const pledges = createPledgesRepo(app.config.timeZone);
    app.decorate('pledges', pledges);
    const security = [{ bearer: [] }];

    app.post(
      '/api/pledges',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Records a pledge of shifts by a date (after today) for a named person (the admin; an association for its own members) and answers that person's personal link",
          tags: ['pledges'],
          security,
          body: zPledgeInput,
          response: {
            201: z.object({ pledge: zPledge, token: z.string(), url: z.string() }),
            400: zHttpError,
            401: zHttpError,
            403: zHttpError,
          },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        const input = request.body;
        if (!can(access, 'actForAssociation', { associationId: input.associationId })) return replyError(reply, 'forbidden', 'An association records pledges for its own members only');
        if (!(await app.store.read((q) => app.associations.exists(q, input.associationId)))) return replyError(reply, 'invalid_request', 'No such association');
        // Only sessions starting before the date count: from that day on, nothing more could.
        if (pledges.deadline(input.by) <= app.now()) {
          return replyError(reply, 'invalid_request', `A pledge's date must be after today: sessions before it count, and ${input.by} has begun or passed`, {
            reason: 'pledge_date',
            params: { date: input.by },
          });
        }
        const made = await app.store.write(async (q) => {
          const now = app.now();
          const volunteer = await app.signup.volunteers.create(
            q,
            { name: input.name, associationId: input.associationId, email: null, phone: null, languages: [], consentAt: null, signedUpVia: null },
            now,
          );
          const pledge = await pledges.create(q, { ...input, volunteerId: volunteer.id, createdBy: actorOf(access) }, now);
          return { pledge, token: volunteer.token };
        });
        const { id, name, shifts, attended } = made.pledge;
        return reply.code(201).send({ pledge: { id, name, shifts, attended }, ...pageLink(app.config.publicUrl, request, '/me', made.token) });
      },
    );

    app.get(
      '/api/pledges',
      {
        // Leaders plan every room's sessions for people who pledged, so they see every pledge too.
        onRequest: app.requireRole('admin', 'leader', 'association'),
        schema: {
          summary: "Pledges with their progress (attended sessions before the date): the admin's and leaders' every one, an association its own",
          tags: ['pledges'],
          security,
          // The campaign's clock: a pledge's date is a day on it (the form offers dates from its tomorrow).
          response: { 200: z.object({ timeZone: z.string(), pledges: z.array(zPledgeProgress) }), 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => {
        const access = accessOf(request, 'admin', 'leader', 'association');
        return { timeZone: app.config.timeZone, pledges: await app.store.read((q) => pledges.list(q, access.role === 'association' ? access.associationId : undefined)) };
      },
    );
  },
  { name: 'pledges', dependencies: ['signup', 'associations'] },
);

import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zSignupSession } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';

/**
 * The sessions an association can book a team into: every upcoming one, `free` being the places
 * not yet taken or held (what a team may still reserve). Its page has no other way to list them.
 */
export const associationSessionsPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/associations/:id/sessions',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: 'Upcoming sessions with their free places, to book a team into (the admin; an association for itself)',
          tags: ['teams'],
          security: [{ bearer: [] }],
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          // The campaign's clock, as the sign-up page's answer: the association's page shows the times on it.
          response: { 200: z.object({ timeZone: z.string(), sessions: z.array(zSignupSession) }), 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const associationId = request.params.id;
        // Another association's id answers as an unknown one, as its lists and teams do.
        if (!can(accessOf(request, 'admin', 'association'), 'actForAssociation', { associationId }) || !(await app.store.read((q) => app.associations.exists(q, associationId)))) {
          return replyError(reply, 'not_found', 'No such association');
        }
        return { timeZone: app.config.timeZone, sessions: await app.store.read((q) => app.signup.offer.sessions(q, { kind: 'open', roomId: null }, app.now())) };
      },
    );
  },
  { name: 'association-sessions', dependencies: ['signup', 'associations'] },
);

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zErasureResult } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import type { PrivacyService } from './privacy.service.ts';

/** What the admin types to purge: no client can send it by accident. */
export const PURGE_CONFIRMATION = 'RADERA ALLA PERSONUPPGIFTER';

/** Erasing one person and purging the campaign: the admin's alone. */
export const erasureRoutes =
  (privacy: PrivacyService): FastifyPluginAsyncZod =>
  async (app) => {
    const security = [{ bearer: [] }];
    const refusals = { 401: zHttpError, 403: zHttpError };

    app.delete(
      '/api/people/:phone',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'Erases one person, by number (or alternative number), from every list: their contacts, calls and flags\' link to them',
          description:
            'The anonymous counters stay (leaderboards, totals and persons called do not go back); the lists\' contact counts go down. The number is not kept on the do-not-call register either. A station holding the person finds its assignment gone.',
          tags: ['privacy'],
          security,
          params: z.strictObject({ phone: z.string().min(1).max(40) }),
          response: { 200: zErasureResult, 400: zHttpError, ...refusals },
        },
      },
      async (request, reply) => {
        const erased = await privacy.erasePerson(request.params.phone, actorOf(accessOf(request, 'admin')));
        if (!erased) return replyError(reply, 'invalid_phone', 'Not a valid phone number');
        return erased;
      },
    );

    app.post(
      '/api/purge',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: `The end of the campaign: deletes all personal data (contacts, calls, notes, the do-not-call register, volunteers' names); the anonymous statistics stay`,
          description: `The body must be { "confirm": "${PURGE_CONFIRMATION}" }. Volunteers' names become "Volontär N", so volunteer counts stay true.`,
          tags: ['privacy'],
          security,
          body: z.strictObject({ confirm: z.literal(PURGE_CONFIRMATION) }),
          response: { 200: zErasureResult, 400: zHttpError, ...refusals },
        },
      },
      async (request) => privacy.purge(actorOf(accessOf(request, 'admin'))),
    );
  };

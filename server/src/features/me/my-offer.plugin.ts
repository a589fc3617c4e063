import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zSignupSession } from '@ringstuga/shared';
import { zHttpError } from '../../http-errors.ts';
import { linkAuth } from '../signup/token-auth.ts';

/**
 * The sessions a person can still book from their personal page (`POST /api/me/bookings` books
 * any upcoming one): a page opened from an email has no sign-up link to list them with.
 */
export const myOfferPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const { volunteers, offer } = app.signup;
    const bearer = linkAuth(app, (token) => app.store.read((q) => volunteers.findByToken(q, token)), { needs: 'a personal link' });
    app.get(
      '/api/me/sessions',
      {
        onRequest: bearer.hook,
        schema: {
          summary: 'Upcoming sessions with their free places, to book more from the personal page',
          tags: ['me'],
          security: [{ bearer: [] }],
          response: { 200: z.object({ sessions: z.array(zSignupSession) }), 401: zHttpError, 403: zHttpError },
        },
      },
      async () => ({ sessions: await app.store.read((q) => offer.sessions(q, { kind: 'open', roomId: null }, app.now())) }),
    );
  },
  { name: 'my-offer', dependencies: ['signup'] },
);

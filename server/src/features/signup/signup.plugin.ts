import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normalisePhone } from '@ringstuga/shared/phone';
import { zSignupInput, zSignupOffer, zSignupResult } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { replyRefusal } from '../sessions/sessions.plugin.ts';
import { createTeamsRepo, type TeamsRepo } from '../teams/teams.repo.ts';
import { createOffer, type Offer, type Scope } from './offer.ts';
import { pageLink } from '../sessions/page-link.ts';
import { linkAuth } from './token-auth.ts';
import { createVolunteersRepo, type VolunteersRepo } from './volunteers.repo.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Volunteers with their personal links, and the sessions open to book. */
    signup: { volunteers: VolunteersRepo; offer: Offer; teams: TeamsRepo };
  }
}

interface SignupHolder {
  /** The link, as volunteers.signed_up_via names it. */
  via: string;
  scope: Scope;
  team: { id: number; associationId: number } | null;
}

/** Signing up without an account, through a sign-up link or a team's link (Bearer). */
export const signupPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const volunteers = createVolunteersRepo(() => app.tokenKey);
    const offer = createOffer(app.sessions.places);
    // Team links are checked here and managed by the teams feature: one repo for both.
    const teams = createTeamsRepo();
    app.decorate('signup', { volunteers, offer, teams });

    const { hook, holderOf } = linkAuth<SignupHolder>(
      app,
      (token) =>
        app.store.read(async (q): Promise<SignupHolder | undefined> => {
          const link = await app.signupLinks.find(q, token);
          if (link) return { via: `signup:${link.id}`, scope: { kind: 'open', roomId: link.roomId }, team: null };
          const team = await teams.find(q, token);
          if (team) {
            return {
              via: `team:${team.teamId}`,
              scope: { kind: 'team', teamId: team.teamId, sessionId: team.sessionId },
              team: { id: team.teamId, associationId: team.associationId },
            };
          }
          return undefined;
        }),
      { needs: 'a sign-up or team link' },
    );
    const security = [{ bearer: [] }];

    app.get(
      '/api/signup/sessions',
      {
        onRequest: hook,
        schema: {
          summary: "Upcoming sessions a sign-up link (its room's, or every room's) or a team link (its session) can book, with the associations to choose from",
          tags: ['signup'],
          security,
          response: { 200: zSignupOffer, 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => {
        const holder = holderOf(request);
        return app.store.read(async (q) => {
          const team = holder.team && {
            id: holder.team.id,
            associationId: holder.team.associationId,
            // The team's association exists: teams.association_id references it.
            association: (await offer.associationName(q, holder.team.associationId))!,
          };
          return { timeZone: app.config.timeZone, sessions: await offer.sessions(q, holder.scope, app.now()), associations: await offer.associations(q), team };
        });
      },
    );

    app.post(
      '/api/signup/bookings',
      {
        onRequest: hook,
        schema: {
          summary:
            'Signs up: books the sessions (waitlisted where full) and answers the personal link (/me#token=…); the same sign-up again through the same link books nothing twice',
          tags: ['signup'],
          security,
          body: zSignupInput,
          response: { 201: zSignupResult, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const holder = holderOf(request);
        const input = request.body;
        const phone = input.phone === undefined ? null : normalisePhone(input.phone);
        if (input.phone !== undefined && phone === null) return replyError(reply, 'invalid_phone', 'That is not a valid phone number');
        if ((await app.store.read((q) => offer.associationName(q, input.associationId))) === undefined) return replyError(reply, 'invalid_request', 'No such association');
        // A team's places are its association's members': the link fixes the association.
        if (holder.team && holder.team.associationId !== input.associationId) {
          return replyError(reply, 'invalid_request', "A team link signs up members of the team's association", { reason: 'team_link_association' });
        }
        const email = input.email ?? null;
        try {
          const answer = await app.sessions.writeBookings(async (q) => {
            const now = app.now();
            const existing = await volunteers.findRetry(q, holder.via, input.name, email, phone);
            const volunteer =
              existing === undefined
                ? await volunteers.create(
                    q,
                    { name: input.name, associationId: input.associationId, email, phone, languages: input.languages ?? [], consentAt: now, signedUpVia: holder.via },
                    now,
                  )
                : { id: existing, token: await volunteers.tokenOf(q, existing) };
            return { bookings: await offer.book(q, holder.scope, volunteer.id, input.sessionIds, now), token: volunteer.token };
          });
          return reply.code(201).send({ bookings: answer.bookings, ...pageLink(app.config.publicUrl, request, '/me', answer.token) });
        } catch (error) {
          return replyRefusal(reply, error);
        }
      },
    );
  },
  { name: 'signup', dependencies: ['sessions', 'signup-links'] },
);

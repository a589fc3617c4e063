import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zTeam, zTeamInput, zTeamSummary } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { Refusal } from '../sessions/refusal.ts';
import { replyRefusal } from '../sessions/sessions.plugin.ts';
import { pageLink } from '../sessions/page-link.ts';
import { lockPlaces } from '../sessions/places.ts';
import { actsForAssociation } from '../associations/own-association.ts';

const zAssociationParams = z.strictObject({ id: z.coerce.number().int().positive() });

/**
 * Team evenings: an association takes places in one session for its members, who book them
 * through the team's link (`/signup#token=…`); nobody else can take them.
 */
export const teamsPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const { teams } = app.signup;
    const { repo: sessions, places } = app.sessions;
    const security = [{ bearer: [] }];
    const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError, 409: zHttpError };

    app.post(
      '/api/associations/:id/teams',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Takes places in a session for the association's team and answers the team's sign-up link; the places come out of the session's free ones",
          tags: ['teams'],
          security,
          params: zAssociationParams,
          body: zTeamInput,
          response: { 201: z.object({ team: zTeam, token: z.string(), url: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const associationId = request.params.id;
        if (!(await actsForAssociation(app, request, associationId))) return replyError(reply, 'not_found', 'No such association');
        const { sessionId, places: wanted, captain } = request.body;
        try {
          const made = await app.store.write(async (q) => {
            const now = app.now();
            // Before reading the free places: a sign-up or another team on any node must not take them meanwhile.
            await lockPlaces(q, sessionId);
            const session = await sessions.find(q, sessionId);
            if (!session || session.cancelledAt !== null || session.startsAt <= now) throw new Refusal('not_found', 'No such upcoming session');
            const free = (await places.places(q, sessionId))!.generalFree;
            if (wanted > free) throw new Refusal('conflict', `The session has ${free} free places`, { reason: 'team_places', params: { free } });
            const team = await teams.create(q, { sessionId, associationId, places: wanted, captain }, now);
            await app.audit.add(q, { actor: actorOf(accessOf(request, 'admin', 'association')), action: 'link_create', target: `team:${team.id}`, detail: { role: 'team', sessionId } });
            return team;
          });
          return reply.code(201).send({ team: { id: made.id, sessionId, places: wanted }, ...pageLink(app.config.publicUrl, request, '/signup', made.token) });
        } catch (error) {
          return replyRefusal(reply, error);
        }
      },
    );

    app.get(
      '/api/associations/:id/teams',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "An association's teams with their sessions and places taken (without their links' tokens)",
          tags: ['teams'],
          security,
          params: zAssociationParams,
          response: { 200: z.object({ teams: z.array(zTeamSummary) }), ...errors },
        },
      },
      async (request, reply) => {
        const associationId = request.params.id;
        if (!(await actsForAssociation(app, request, associationId))) return replyError(reply, 'not_found', 'No such association');
        return {
          teams: (await app.store.read((q) => teams.ofAssociation(q, associationId))).map((team) => ({
            id: team.id,
            sessionId: team.sessionId,
            places: team.places,
            captain: team.captain,
            roomId: team.roomId,
            startsAt: new Date(team.startsAt).toISOString(),
            endsAt: new Date(team.endsAt).toISOString(),
            taken: team.taken,
            revoked: team.revokedAt !== null,
          })),
        };
      },
    );

    app.delete(
      '/api/associations/:id/teams/:teamId',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Revokes a team: its link stops working, its free places go back to the session, its members keep their bookings",
          tags: ['teams'],
          security,
          params: z.strictObject({ id: z.coerce.number().int().positive(), teamId: z.coerce.number().int().positive() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const associationId = request.params.id;
        if (!(await actsForAssociation(app, request, associationId))) return replyError(reply, 'not_found', 'No such association');
        const revoked = await app.sessions.writeBookings(async (q) => {
          const now = app.now();
          // The places lock first, as on every path that changes the session's places (a team's session never changes).
          const teamSession = await teams.sessionOf(q, associationId, request.params.teamId);
          if (teamSession === undefined) return false;
          await lockPlaces(q, teamSession);
          const sessionId = await teams.revoke(q, associationId, request.params.teamId, now);
          // Its members' bookings and free places fall back to the general pool: someone waiting may move up.
          if (sessionId === undefined) return false;
          await places.fill(q, sessionId, now);
          await app.audit.add(q, { actor: actorOf(accessOf(request, 'admin', 'association')), action: 'link_revoke', target: `team:${request.params.teamId}` });
          return true;
        });
        return revoked ? reply.code(204).send(null) : replyError(reply, 'not_found', 'No such active team');
      },
    );
  },
  { name: 'teams', dependencies: ['sessions', 'signup', 'associations'] },
);

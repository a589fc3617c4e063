import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { bookings, callingSessions, teams } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';

/** Team evenings: an association's places in one session, booked through the team's own link (stored hashed). Each runs in the caller's store work. */
export function createTeamsRepo() {
  // A team's places taken: its bookings that still hold (or held) a place.
  const taken = sql<number>`(SELECT count(*) FROM ${bookings} WHERE ${bookings.sessionId} = ${teams.sessionId} AND ${bookings.teamId} = ${teams.id}
    AND ${inArray(bookings.status, ['booked', 'attended', 'no_show'])})`;
  const ofAssociation = (q: Tx, associationId: number) =>
    q.db
      .select({
        id: teams.id,
        sessionId: teams.sessionId,
        associationId: teams.associationId,
        places: teams.places,
        captain: teams.captain,
        roomId: callingSessions.roomId,
        startsAt: callingSessions.startsAt,
        endsAt: callingSessions.endsAt,
        revokedAt: teams.revokedAt,
        taken: taken.mapWith(Number),
      })
      .from(teams)
      .innerJoin(callingSessions, eq(callingSessions.id, teams.sessionId))
      .where(eq(teams.associationId, associationId))
      .orderBy(asc(callingSessions.startsAt), asc(teams.id));
  return {
    async create(q: Tx, team: { sessionId: number; associationId: number; places: number; captain: string }, now: number): Promise<{ id: number; token: string }> {
      const token = newSecret();
      const [row] = await q.db.insert(teams).values({ ...team, tokenHash: hashToken(token), createdAt: now }).returning({ id: teams.id });
      return { id: row!.id, token };
    },
    find: async (q: Tx, token: string) =>
      first(
        await q.db
          .select({ teamId: teams.id, sessionId: teams.sessionId, associationId: teams.associationId })
          .from(teams)
          .where(and(eq(teams.tokenHash, hashToken(token)), isNull(teams.revokedAt))),
      ),
    ofAssociation,
    /** The session of the association's team, revoked or not; undefined if it has no such team. */
    sessionOf: async (q: Tx, associationId: number, id: number): Promise<number | undefined> =>
      first(await q.db.select({ sessionId: teams.sessionId }).from(teams).where(and(eq(teams.id, id), eq(teams.associationId, associationId))))?.sessionId,
    /** The revoked team's session, or undefined if the association has no such active team. */
    revoke: async (q: Tx, associationId: number, id: number, now: number): Promise<number | undefined> =>
      first(
        await q.db
          .update(teams)
          .set({ revokedAt: now })
          .where(and(eq(teams.id, id), eq(teams.associationId, associationId), isNull(teams.revokedAt)))
          .returning({ sessionId: teams.sessionId }),
      )?.sessionId,
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;

import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, teams } from '../../db/schema.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';

/** Team evenings: an association's places in one session, booked through the team's own link (stored hashed). */
export function createTeamsRepo(db: Db) {
  // A team's places taken: its bookings that still hold (or held) a place.
  const taken = sql<number>`(SELECT count(*) FROM ${bookings} WHERE ${bookings.sessionId} = ${teams.sessionId} AND ${bookings.teamId} = ${teams.id}
    AND ${inArray(bookings.status, ['booked', 'attended', 'no_show'])})`;
  const ofAssociation = (associationId: number) =>
    db
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
        taken,
      })
      .from(teams)
      .innerJoin(callingSessions, eq(callingSessions.id, teams.sessionId))
      .where(eq(teams.associationId, associationId))
      .orderBy(asc(callingSessions.startsAt), asc(teams.id))
      .all();
  return {
    create(team: { sessionId: number; associationId: number; places: number; captain: string }, now: number): { id: number; token: string } {
      const token = newSecret();
      const { id } = db.insert(teams).values({ ...team, tokenHash: hashToken(token), createdAt: now }).returning({ id: teams.id }).get();
      return { id, token };
    },
    find: (token: string) =>
      db
        .select({ teamId: teams.id, sessionId: teams.sessionId, associationId: teams.associationId })
        .from(teams)
        .where(and(eq(teams.tokenHash, hashToken(token)), isNull(teams.revokedAt)))
        .get(),
    ofAssociation,
    /** The revoked team's session, or undefined if the association has no such active team. */
    revoke: (associationId: number, id: number, now: number): number | undefined =>
      db
        .update(teams)
        .set({ revokedAt: now })
        .where(and(eq(teams.id, id), eq(teams.associationId, associationId), isNull(teams.revokedAt)))
        .returning({ sessionId: teams.sessionId })
        .get()?.sessionId,
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;

import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { RoomTeam } from '@ringstuga/shared';
import { associations, bookings, callingSessions, teams } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import { localDay } from '../figures/campaign-figures.ts';

const teamsToday = (q: Tx, roomId: number, now: number, dayEnd: number) =>
  q.db
    .select({
      id: teams.id,
      associationId: teams.associationId,
      associationName: associations.name,
      sessionId: callingSessions.id,
      startsAt: callingSessions.startsAt,
      endsAt: callingSessions.endsAt,
      places: teams.places,
      booked: sql<number>`(SELECT count(*) FROM ${bookings} WHERE ${bookings.sessionId} = ${callingSessions.id} AND ${bookings.teamId} = ${teams.id}
        AND ${bookings.status} IN ('booked', 'attended', 'no_show'))`,
    })
    .from(callingSessions)
    .innerJoin(teams, eq(teams.sessionId, callingSessions.id))
    .innerJoin(associations, eq(associations.id, teams.associationId))
    .where(
      and(
        eq(callingSessions.roomId, roomId),
        isNull(callingSessions.cancelledAt),
        isNull(teams.revokedAt),
        lt(callingSessions.startsAt, dayEnd),
        gt(callingSessions.endsAt, now),
      ),
    )
    .orderBy(asc(callingSessions.startsAt), asc(associations.name), asc(teams.id));

/**
 * The teams of the room's sessions today (local day on the campaign clock) that have not ended
 * yet: their association and how many of their places are booked, never who booked them.
 */
export function createRoomTeamsRepo(timeZone: string) {
  return {
    async today(q: Tx, roomId: number, now: number): Promise<RoomTeam[]> {
      const rows = await teamsToday(q, roomId, now, localDay(now, timeZone).end);
      return rows.map((row) => ({
        id: row.id,
        association: { id: row.associationId, name: row.associationName },
        sessionId: row.sessionId,
        startsAt: new Date(row.startsAt).toISOString(),
        endsAt: new Date(row.endsAt).toISOString(),
        places: row.places,
        // A team's places are never overbooked, but a revoked-then-moved booking must not show "9 av 8".
        booked: Math.min(row.booked, row.places),
      }));
    },
  };
}

export type RoomTeamsRepo = ReturnType<typeof createRoomTeamsRepo>;

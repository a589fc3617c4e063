import type { Database } from 'better-sqlite3';
import type { RoomTeam } from '@ringstuga/shared';
import { localDay } from '../figures/campaign-figures.ts';

/**
 * The teams of the room's sessions today (local day on the campaign clock) that have not ended
 * yet: their association and how many of their places are booked, never who booked them.
 */
export function createRoomTeamsRepo(sqlite: Database, timeZone: string) {
  const teams = sqlite.prepare(
    `SELECT t.id, t.association_id AS associationId, a.name AS associationName, s.id AS sessionId, s.starts_at AS startsAt,
       s.ends_at AS endsAt, t.places,
       (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.team_id = t.id AND b.status IN ('booked', 'attended', 'no_show')) AS booked
     FROM calling_sessions s JOIN teams t ON t.session_id = s.id JOIN associations a ON a.id = t.association_id
     WHERE s.room_id = @roomId AND s.cancelled_at IS NULL AND t.revoked_at IS NULL AND s.starts_at < @dayEnd AND s.ends_at > @now
     ORDER BY s.starts_at, a.name, t.id`,
  );
  return {
    today(roomId: number, now: number): RoomTeam[] {
      const rows = teams.all({ roomId, now, dayEnd: localDay(now, timeZone).end }) as {
        id: number;
        associationId: number;
        associationName: string;
        sessionId: number;
        startsAt: number;
        endsAt: number;
        places: number;
        booked: number;
      }[];
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

import type { Database } from 'better-sqlite3';
import type { Session } from '@ringstuga/shared';
import type { Places } from './places.ts';

export interface SessionRow {
  id: number;
  roomId: number;
  startsAt: number;
  endsAt: number;
  capacity: number;
  revision: number;
  cancelledAt: number | null;
}

const COLUMNS = 'id, room_id AS roomId, starts_at AS startsAt, ends_at AS endsAt, capacity, revision, cancelled_at AS cancelledAt';

/** Queries on calling sessions; the rules are in sessions.service.ts. */
export function createSessionsRepo(sqlite: Database, places: Places) {
  const byId = sqlite.prepare(`SELECT ${COLUMNS} FROM calling_sessions WHERE id = ?`);
  const inRoom = sqlite.prepare(
    `SELECT ${COLUMNS} FROM calling_sessions WHERE room_id = ? AND cancelled_at IS NULL AND ends_at > ? AND starts_at < ? ORDER BY starts_at, id`,
  );
  const overlapping = sqlite.prepare(
    `SELECT id FROM calling_sessions WHERE room_id = ? AND cancelled_at IS NULL AND starts_at < ? AND ends_at > ? AND id <> ? LIMIT 1`,
  );
  const insert = sqlite.prepare('INSERT INTO calling_sessions (room_id, starts_at, ends_at, capacity, created_at) VALUES (?, ?, ?, ?, ?)');
  // Fixed and remote stations alike: each is a place to call from.
  const stations = sqlite.prepare('SELECT count(*) AS n FROM stations WHERE room_id = ?');
  const liveBookings = sqlite.prepare(
    `SELECT id, volunteer_id AS volunteerId FROM bookings WHERE session_id = ? AND status IN ('booked','waitlisted') ORDER BY id`,
  );
  return {
    find: (id: number) => byId.get(id) as SessionRow | undefined,
    inRoom: (roomId: number, from: number, to: number) => inRoom.all(roomId, from, to) as SessionRow[],
    overlaps: (roomId: number, startsAt: number, endsAt: number, exceptId = 0) => overlapping.get(roomId, endsAt, startsAt, exceptId) !== undefined,
    insert: (roomId: number, startsAt: number, endsAt: number, capacity: number, now: number) =>
      Number(insert.run(roomId, startsAt, endsAt, capacity, now).lastInsertRowid),
    stationsIn: (roomId: number) => (stations.get(roomId) as { n: number }).n,
    liveBookings: (sessionId: number) => liveBookings.all(sessionId) as { id: number; volunteerId: number }[],
    /** The API's view of a session, with its places counted now. */
    summary(row: SessionRow): Session {
      const counted = places.places(row.id)!;
      return {
        id: row.id,
        roomId: row.roomId,
        startsAt: new Date(row.startsAt).toISOString(),
        endsAt: new Date(row.endsAt).toISOString(),
        capacity: row.capacity,
        booked: counted.booked,
        waitlisted: counted.waitlisted,
        teamPlaces: counted.teamPlaces,
      };
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;

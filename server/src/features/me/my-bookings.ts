import type { Database } from 'better-sqlite3';
import type { BookingStatus } from '@ringstuga/shared';

export interface MyBookingRow {
  id: number;
  sessionId: number;
  roomId: number;
  room: string;
  address: string | null;
  startsAt: number;
  endsAt: number;
  status: BookingStatus;
  revision: number;
  sessionCancelledAt: number | null;
}

/** One volunteer's bookings with their sessions as they stand now (a moved session shows its new time). */
export function createMyBookings(sqlite: Database) {
  const mine = sqlite.prepare(
    `SELECT b.id, b.session_id AS sessionId, s.room_id AS roomId, r.name AS room, r.address, s.starts_at AS startsAt, s.ends_at AS endsAt,
       b.status, s.revision, s.cancelled_at AS sessionCancelledAt
     FROM bookings b JOIN calling_sessions s ON s.id = b.session_id JOIN rooms r ON r.id = s.room_id
     WHERE b.volunteer_id = ? ORDER BY s.starts_at, b.id`,
  );
  return { of: (volunteerId: number) => mine.all(volunteerId) as MyBookingRow[] };
}

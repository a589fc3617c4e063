import type { Database } from 'better-sqlite3';
import type { BookingStatus, ExpectedVolunteer } from '@ringstuga/shared';

/** Check-in opens this long before a session starts (people come early) and closes at its end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60 * 1000;

export interface CheckinBooking {
  id: number;
  status: BookingStatus;
  shiftId: number | null;
  roomId: number;
  startsAt: number;
  endsAt: number;
  sessionCancelledAt: number | null;
  volunteerId: number;
  name: string;
  associationId: number | null;
  languages: string;
}

const BOOKING = `SELECT b.id, b.status, b.shift_id AS shiftId, s.room_id AS roomId, s.starts_at AS startsAt, s.ends_at AS endsAt,
    s.cancelled_at AS sessionCancelledAt, v.id AS volunteerId, v.name, v.association_id AS associationId, v.languages
  FROM bookings b JOIN calling_sessions s ON s.id = b.session_id JOIN volunteers v ON v.id = b.volunteer_id
  WHERE v.erased_at IS NULL`;
// The room's sessions open for check-in at @now (parameters: @roomId, @now, @opensBefore).
const OPEN_NOW = `s.room_id = @roomId AND s.cancelled_at IS NULL AND s.starts_at - @opensBefore <= @now AND s.ends_at > @now`;

/** Queries for check-in by booking, "expected now" and the end-of-session sweep; the rules are in attendance.service.ts. */
export function createAttendanceRepo(sqlite: Database) {
  const byId = sqlite.prepare(`${BOOKING} AND b.id = ?`);
  // A volunteer with bookings in two overlapping open sessions (one ending, the next starting) checks into the earlier.
  const ofVolunteerNow = sqlite.prepare(
    `${BOOKING} AND b.volunteer_id = @volunteerId AND b.status IN ('booked', 'attended') AND ${OPEN_NOW} ORDER BY s.starts_at, b.id LIMIT 1`,
  );
  const expected = sqlite.prepare(
    `SELECT b.id AS bookingId, v.name FROM bookings b JOIN calling_sessions s ON s.id = b.session_id JOIN volunteers v ON v.id = b.volunteer_id
     WHERE b.status = 'booked' AND v.erased_at IS NULL AND ${OPEN_NOW} ORDER BY v.name COLLATE NOCASE, b.id`,
  );
  const attend = sqlite.prepare(`UPDATE bookings SET status = 'attended', shift_id = ?, updated_at = ? WHERE id = ? AND status = 'booked'`);
  const ended = sqlite.prepare('SELECT id, room_id AS roomId FROM calling_sessions WHERE closed_at IS NULL AND ends_at <= ? ORDER BY id');
  const noShows = sqlite.prepare(`UPDATE bookings SET status = 'no_show', updated_at = ? WHERE session_id = ? AND status = 'booked'`);
  const close = sqlite.prepare('UPDATE calling_sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL');

  return {
    booking: (id: number) => byId.get(id) as CheckinBooking | undefined,
    bookingOfVolunteerNow: (volunteerId: number, roomId: number, now: number) =>
      ofVolunteerNow.get({ volunteerId, roomId, now, opensBefore: CHECKIN_OPENS_BEFORE_MS }) as CheckinBooking | undefined,
    expected: (roomId: number, now: number) => expected.all({ roomId, now, opensBefore: CHECKIN_OPENS_BEFORE_MS }) as ExpectedVolunteer[],
    attend: (bookingId: number, shiftId: number, now: number) => void attend.run(shiftId, now, bookingId),
    endedSessions: (now: number) => ended.all(now) as { id: number; roomId: number }[],
    /** Marks the session's unattended bookings no-show and closes it; returns how many were marked. */
    closeSession(sessionId: number, now: number): number {
      const marked = noShows.run(now, sessionId).changes;
      close.run(now, sessionId);
      return marked;
    },
  };
}

export type AttendanceRepo = ReturnType<typeof createAttendanceRepo>;

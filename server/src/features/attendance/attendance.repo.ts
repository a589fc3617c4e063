import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { ExpectedVolunteer } from '@ringstuga/shared';
import { bookings, callingSessions, volunteers } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** Check-in opens this long before a session starts (people come early) and closes at its end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60 * 1000;

const CHECKIN_BOOKING = {
  id: bookings.id,
  status: bookings.status,
  roomId: callingSessions.roomId,
  startsAt: callingSessions.startsAt,
  endsAt: callingSessions.endsAt,
  sessionCancelledAt: callingSessions.cancelledAt,
  volunteerId: volunteers.id,
  name: volunteers.name,
  associationId: volunteers.associationId,
  languages: volunteers.languages,
};

/** The room's sessions open for check-in at `now`. */
const openNow = (roomId: number, now: number) =>
  and(
    eq(callingSessions.roomId, roomId),
    isNull(callingSessions.cancelledAt),
    sql`${callingSessions.startsAt} - ${CHECKIN_OPENS_BEFORE_MS} <= ${now}`,
    gt(callingSessions.endsAt, now),
  );

// Bookings of volunteers not erased, with their session and volunteer.
const checkinBookings = (q: Tx) =>
  q.db
    .select(CHECKIN_BOOKING)
    .from(bookings)
    .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
    .innerJoin(volunteers, eq(volunteers.id, bookings.volunteerId));
const live = isNull(volunteers.erasedAt);

/** Queries for check-in by booking, "expected now" and the end-of-session sweep; the rules are in attendance.service.ts. */
export const attendanceRepo = {
  booking: async (q: Tx, id: number) => first(await checkinBookings(q).where(and(live, eq(bookings.id, id)))),
  // A volunteer with bookings in two overlapping open sessions (one ending, the next starting) checks into the earlier.
  bookingOfVolunteerNow: async (q: Tx, volunteerId: number, roomId: number, now: number) =>
    first(
      await checkinBookings(q)
        .where(and(live, eq(bookings.volunteerId, volunteerId), inArray(bookings.status, ['booked', 'attended']), openNow(roomId, now)))
        .orderBy(asc(callingSessions.startsAt), asc(bookings.id))
        .limit(1),
    ),
  // lower() rather than SQLite's COLLATE NOCASE, which PostgreSQL lacks: both fold ASCII letters only.
  expected: (q: Tx, roomId: number, now: number): Promise<ExpectedVolunteer[]> =>
    q.db
      .select({ bookingId: bookings.id, name: volunteers.name })
      .from(bookings)
      .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
      .innerJoin(volunteers, eq(volunteers.id, bookings.volunteerId))
      .where(and(eq(bookings.status, 'booked'), live, openNow(roomId, now)))
      .orderBy(sql`lower(${volunteers.name})`, asc(bookings.id)),
  attend: async (q: Tx, bookingId: number, shiftId: number, now: number): Promise<void> => {
    await q.db
      .update(bookings)
      .set({ status: 'attended', shiftId, updatedAt: now })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, 'booked')));
  },
  endedSessions: (q: Tx, now: number) =>
    q.db
      .select({ id: callingSessions.id, roomId: callingSessions.roomId })
      .from(callingSessions)
      .where(and(isNull(callingSessions.closedAt), lte(callingSessions.endsAt, now)))
      .orderBy(asc(callingSessions.id)),
  /** Marks the session's unattended bookings no-show and closes it; returns how many were marked. */
  async closeSession(q: Tx, sessionId: number, now: number): Promise<number> {
    const marked = await q.run(
      q.db
        .update(bookings)
        .set({ status: 'no_show', updatedAt: now })
        .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, 'booked'))),
    );
    await q.db.update(callingSessions).set({ closedAt: now }).where(and(eq(callingSessions.id, sessionId), isNull(callingSessions.closedAt)));
    return marked;
  },
};

export type CheckinBooking = NonNullable<Awaited<ReturnType<typeof attendanceRepo.booking>>>;

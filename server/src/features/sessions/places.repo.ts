import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { BookingStatus } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, teams, volunteers } from '../../db/schema.ts';

/** Statuses that hold a place. */
const TAKEN: BookingStatus[] = ['booked', 'attended', 'no_show'];

/**
 * The queries behind places.ts, whose rules (and invariants) they serve. Bookings are reached
 * through their session (indexed: bookings_session_status), never by team_id alone (not indexed).
 */
export function createPlacesRepo(db: Db) {
  const bookingsOfSession = (status: BookingStatus[]) =>
    and(eq(bookings.sessionId, callingSessions.id), inArray(bookings.status, status));
  // A booking in the general pool: made without a team, or its team revoked since.
  const general = or(isNull(bookings.teamId), isNotNull(teams.revokedAt));
  const booked = db.select({ n: count() }).from(bookings).where(bookingsOfSession(TAKEN));
  const waitlisted = db.select({ n: count() }).from(bookings).where(bookingsOfSession(['waitlisted']));
  const teamPlaces = db
    .select({ n: sql`coalesce(sum(${teams.places}), 0)` })
    .from(teams)
    .where(and(eq(teams.sessionId, callingSessions.id), isNull(teams.revokedAt)));
  const generalTaken = db
    .select({ n: count() })
    .from(bookings)
    .leftJoin(teams, eq(teams.id, bookings.teamId))
    .where(and(bookingsOfSession(TAKEN), general));
  // A team's taken places (the outer query is on teams).
  const takenByTeam = db
    .select({ n: count() })
    .from(bookings)
    .where(and(eq(bookings.sessionId, teams.sessionId), eq(bookings.teamId, teams.id), inArray(bookings.status, TAKEN)));
  const waiting = { id: bookings.id, volunteerId: bookings.volunteerId };

  return {
    counts: (sessionId: number) =>
      db
        .select({
          capacity: callingSessions.capacity,
          booked: sql<number>`${booked}`,
          waitlisted: sql<number>`${waitlisted}`,
          teamPlaces: sql<number>`${teamPlaces}`,
          generalTaken: sql<number>`${generalTaken}`,
        })
        .from(callingSessions)
        .where(eq(callingSessions.id, sessionId))
        .get(),
    teamCounts: (teamId: number) =>
      db
        .select({ places: teams.places, taken: sql<number>`${takenByTeam}` })
        .from(teams)
        .where(and(eq(teams.id, teamId), isNull(teams.revokedAt)))
        .get(),
    activeTeams: (sessionId: number) =>
      db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.sessionId, sessionId), isNull(teams.revokedAt)))
        .orderBy(asc(teams.id))
        .all(),
    firstWaitingGeneral: (sessionId: number) =>
      db
        .select(waiting)
        .from(bookings)
        .leftJoin(teams, eq(teams.id, bookings.teamId))
        .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, 'waitlisted'), general))
        .orderBy(asc(bookings.id))
        .limit(1)
        .get(),
    firstWaitingInTeam: (teamId: number) =>
      db
        .select(waiting)
        .from(bookings)
        .innerJoin(teams, eq(teams.id, bookings.teamId))
        .where(and(eq(teams.id, teamId), eq(bookings.sessionId, teams.sessionId), eq(bookings.status, 'waitlisted')))
        .orderBy(asc(bookings.id))
        .limit(1)
        .get(),
    setStatus: (status: BookingStatus, now: number, bookingId: number) =>
      void db.update(bookings).set({ status, updatedAt: now }).where(eq(bookings.id, bookingId)).run(),
    liveBooking: (sessionId: number, volunteerId: number) =>
      db
        .select({ id: bookings.id, sessionId: bookings.sessionId, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.sessionId, sessionId), eq(bookings.volunteerId, volunteerId), ne(bookings.status, 'cancelled')))
        .get(),
    insertBooking: (booking: { sessionId: number; volunteerId: number; teamId: number | null; status: BookingStatus; now: number }) =>
      db
        .insert(bookings)
        .values({
          sessionId: booking.sessionId,
          volunteerId: booking.volunteerId,
          teamId: booking.teamId,
          status: booking.status,
          createdAt: booking.now,
          updatedAt: booking.now,
        })
        .returning({ id: bookings.id })
        .get().id,
    emailOf: (volunteerId: number) =>
      db
        .select({ email: volunteers.email })
        .from(volunteers)
        .where(and(eq(volunteers.id, volunteerId), isNull(volunteers.erasedAt)))
        .get()?.email ?? null,
    touchVolunteer: (now: number, volunteerId: number) =>
      void db.update(volunteers).set({ lastBookedAt: now }).where(eq(volunteers.id, volunteerId)).run(),
    /** Cancels a booked or waiting booking; false if it was neither. */
    cancelLive: (now: number, bookingId: number) =>
      db
        .update(bookings)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(bookings.id, bookingId), inArray(bookings.status, ['booked', 'waitlisted'])))
        .run().changes > 0,
  };
}

export type PlacesRepo = ReturnType<typeof createPlacesRepo>;

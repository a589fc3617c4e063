import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { BookingStatus } from '@ringstuga/shared';
import { bookings, callingSessions, teams, volunteers } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** Statuses that hold a place. */
const TAKEN: BookingStatus[] = ['booked', 'attended', 'no_show'];

// The queries behind places.ts, whose rules (and invariants) they serve. Bookings are reached
// through their session (indexed: bookings_session_status), never by team_id alone (not indexed).

const bookingsOfSession = (status: BookingStatus[]) => and(eq(bookings.sessionId, callingSessions.id), inArray(bookings.status, status));
// A booking in the general pool: made without a team, or its team revoked since.
const general = or(isNull(bookings.teamId), isNotNull(teams.revokedAt));
const waiting = { id: bookings.id, volunteerId: bookings.volunteerId };

export async function counts(q: Tx, sessionId: number) {
  const booked = q.db.select({ n: count() }).from(bookings).where(bookingsOfSession(TAKEN));
  const waitlisted = q.db.select({ n: count() }).from(bookings).where(bookingsOfSession(['waitlisted']));
  const teamPlaces = q.db
    .select({ n: sql`coalesce(sum(${teams.places}), 0)` })
    .from(teams)
    .where(and(eq(teams.sessionId, callingSessions.id), isNull(teams.revokedAt)));
  const generalTaken = q.db
    .select({ n: count() })
    .from(bookings)
    .leftJoin(teams, eq(teams.id, bookings.teamId))
    .where(and(bookingsOfSession(TAKEN), general));
  return first(
    await q.db
      .select({
        capacity: callingSessions.capacity,
        booked: sql<number>`${booked}`.mapWith(Number),
        waitlisted: sql<number>`${waitlisted}`.mapWith(Number),
        teamPlaces: sql<number>`${teamPlaces}`.mapWith(Number),
        generalTaken: sql<number>`${generalTaken}`.mapWith(Number),
      })
      .from(callingSessions)
      .where(eq(callingSessions.id, sessionId)),
  );
}

export async function teamCounts(q: Tx, teamId: number) {
  // A team's taken places (the outer query is on teams).
  const takenByTeam = q.db
    .select({ n: count() })
    .from(bookings)
    .where(and(eq(bookings.sessionId, teams.sessionId), eq(bookings.teamId, teams.id), inArray(bookings.status, TAKEN)));
  return first(
    await q.db
      .select({ places: teams.places, taken: sql<number>`${takenByTeam}`.mapWith(Number) })
      .from(teams)
      .where(and(eq(teams.id, teamId), isNull(teams.revokedAt))),
  );
}

export const activeTeams = (q: Tx, sessionId: number) =>
  q.db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.sessionId, sessionId), isNull(teams.revokedAt)))
    .orderBy(asc(teams.id));

export const firstWaitingGeneral = async (q: Tx, sessionId: number) =>
  first(
    await q.db
      .select(waiting)
      .from(bookings)
      .leftJoin(teams, eq(teams.id, bookings.teamId))
      .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, 'waitlisted'), general))
      .orderBy(asc(bookings.id))
      .limit(1),
  );

export const firstWaitingInTeam = async (q: Tx, teamId: number) =>
  first(
    await q.db
      .select(waiting)
      .from(bookings)
      .innerJoin(teams, eq(teams.id, bookings.teamId))
      .where(and(eq(teams.id, teamId), eq(bookings.sessionId, teams.sessionId), eq(bookings.status, 'waitlisted')))
      .orderBy(asc(bookings.id))
      .limit(1),
  );

export async function setStatus(q: Tx, status: BookingStatus, now: number, bookingId: number): Promise<void> {
  await q.db.update(bookings).set({ status, updatedAt: now }).where(eq(bookings.id, bookingId));
}

export const liveBooking = async (q: Tx, sessionId: number, volunteerId: number) =>
  first(
    await q.db
      .select({ id: bookings.id, sessionId: bookings.sessionId, status: bookings.status })
      .from(bookings)
      .where(and(eq(bookings.sessionId, sessionId), eq(bookings.volunteerId, volunteerId), ne(bookings.status, 'cancelled')))
      .limit(1),
  );

export async function insertBooking(q: Tx, booking: { sessionId: number; volunteerId: number; teamId: number | null; status: BookingStatus; now: number }): Promise<number> {
  const [row] = await q.db
    .insert(bookings)
    .values({
      sessionId: booking.sessionId,
      volunteerId: booking.volunteerId,
      teamId: booking.teamId,
      status: booking.status,
      createdAt: booking.now,
      updatedAt: booking.now,
    })
    .returning({ id: bookings.id });
  return row!.id;
}

export const emailOf = async (q: Tx, volunteerId: number) =>
  first(await q.db.select({ email: volunteers.email }).from(volunteers).where(and(eq(volunteers.id, volunteerId), isNull(volunteers.erasedAt))))?.email ?? null;

export async function touchVolunteer(q: Tx, now: number, volunteerId: number): Promise<void> {
  await q.db.update(volunteers).set({ lastBookedAt: now }).where(eq(volunteers.id, volunteerId));
}

/** Cancels a booked or waiting booking; false if it was neither. */
export const cancelLive = async (q: Tx, now: number, bookingId: number) =>
  (await q.run(
    q.db
      .update(bookings)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(bookings.id, bookingId), inArray(bookings.status, ['booked', 'waitlisted']))),
  )) > 0;

import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { associations, bookings, callingSessions, pledges, rooms, shifts, teams, volunteers } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import { CHECKIN_OPENS_BEFORE_MS } from '../attendance/attendance.repo.ts';

/** Which sessions a planning view covers: not cancelled, overlapping [from, to), one room or all. */
export interface PlanningScope {
  roomId?: number;
  from: number;
  to: number;
}

// A place is held by a booking that was booked, attended or missed (as the sessions' `booked` counts).
const holdsPlace = inArray(bookings.status, ['booked', 'attended', 'no_show']);
const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/**
 * A shift's milliseconds at the station, an open one counted to its volunteer's last act or wait
 * (as campaign-figures.ts counts a volunteer's time, so figures agree across views). CASE, not
 * two-argument max(), which PostgreSQL lacks; last_activity_at is never NULL.
 */
const seenLast = sql`coalesce(${shifts.lastSeenAt}, 0)`;
const shiftEnd = sql`coalesce(${shifts.endedAt}, CASE WHEN ${shifts.lastActivityAt} > ${seenLast} THEN ${shifts.lastActivityAt} ELSE ${seenLast} END)`;
const shiftMs = sql`CASE WHEN ${shiftEnd} - ${shifts.startedAt} > 0 THEN ${shiftEnd} - ${shifts.startedAt} ELSE 0 END`;

/** Queries for the planning view and the returning-volunteers list; only reads, each in the caller's store work. */
export function createMobilisationRepo() {
  const inScope = (scope: PlanningScope) =>
    and(
      isNull(callingSessions.cancelledAt),
      gt(callingSessions.endsAt, scope.from),
      lt(callingSessions.startsAt, scope.to),
      scope.roomId === undefined ? undefined : eq(callingSessions.roomId, scope.roomId),
    );
  const recent = alias(bookings, 'recent');

  return {
    /** The sessions in scope with their bookings counted. */
    sessions: (q: Tx, scope: PlanningScope) =>
      q.db
        .select({
          id: callingSessions.id,
          roomId: callingSessions.roomId,
          room: rooms.name,
          startsAt: callingSessions.startsAt,
          endsAt: callingSessions.endsAt,
          capacity: callingSessions.capacity,
          booked: countWhere(holdsPlace),
          waitlisted: countWhere(eq(bookings.status, 'waitlisted')),
          attended: countWhere(eq(bookings.status, 'attended')),
          noShows: countWhere(eq(bookings.status, 'no_show')),
        })
        .from(callingSessions)
        .innerJoin(rooms, eq(rooms.id, callingSessions.roomId))
        .leftJoin(bookings, eq(bookings.sessionId, callingSessions.id))
        .where(inScope(scope))
        // Every column selected, as PostgreSQL asks.
        .groupBy(callingSessions.id, callingSessions.roomId, rooms.name, callingSessions.startsAt, callingSessions.endsAt, callingSessions.capacity)
        .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id)),

    /**
     * The shifts of those who came to the sessions in scope, the sessions in order: the one that
     * checked the booking in, and every other of theirs started in the session's room while its
     * check-in was open (after moving seats, or checking in again after an idle check-out).
     */
    shiftsOfThoseWhoCame: (q: Tx, scope: PlanningScope) =>
      q.db
        .select({
          sessionId: bookings.sessionId,
          shiftId: shifts.id,
          ms: sql<number>`${shiftMs}`.mapWith(Number),
          attempts: shifts.attempts,
        })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .innerJoin(
          shifts,
          or(
            eq(shifts.id, bookings.shiftId),
            and(
              eq(shifts.volunteerId, bookings.volunteerId),
              eq(shifts.roomId, callingSessions.roomId),
              gte(shifts.startedAt, sql`${callingSessions.startsAt} - ${CHECKIN_OPENS_BEFORE_MS}`),
              lt(shifts.startedAt, callingSessions.endsAt),
            ),
          ),
        )
        .where(and(inScope(scope), eq(bookings.status, 'attended')))
        .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id)),

    /** The active teams of the sessions in scope, with their places taken; no captain. */
    teams: (q: Tx, scope: PlanningScope) =>
      q.db
        .select({
          id: teams.id,
          sessionId: teams.sessionId,
          associationId: teams.associationId,
          association: associations.name,
          places: teams.places,
          taken: sql<number>`(select count(*) from ${bookings} where ${and(eq(bookings.sessionId, teams.sessionId), eq(bookings.teamId, teams.id), holdsPlace)})`.mapWith(
            Number,
          ),
        })
        .from(teams)
        .innerJoin(callingSessions, eq(callingSessions.id, teams.sessionId))
        .innerJoin(associations, eq(associations.id, teams.associationId))
        .where(and(inScope(scope), isNull(teams.revokedAt)))
        .orderBy(asc(teams.id)),

    /** Per association of the volunteers who booked: places taken, attended and missed in scope. */
    bookingsByAssociation: (q: Tx, scope: PlanningScope) =>
      q.db
        .select({
          id: associations.id,
          name: associations.name,
          booked: countWhere(holdsPlace),
          attended: countWhere(eq(bookings.status, 'attended')),
          noShows: countWhere(eq(bookings.status, 'no_show')),
        })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .innerJoin(volunteers, eq(volunteers.id, bookings.volunteerId))
        .innerJoin(associations, eq(associations.id, volunteers.associationId))
        .where(and(inScope(scope), holdsPlace))
        .groupBy(associations.id, associations.name),

    /**
     * Shifts pledged per association in pledges still open in the range: made before `to`, their
     * deadline (the start of `by`, local) after `from`, i.e. `by` later than `from`'s local date.
     */
    pledgedByAssociation: (q: Tx, fromLocalDate: string, to: number) =>
      q.db
        .select({ id: associations.id, name: associations.name, pledged: sql<number>`sum(${pledges.shifts})`.mapWith(Number) })
        .from(pledges)
        .innerJoin(associations, eq(associations.id, pledges.associationId))
        .where(and(gt(pledges.by, fromLocalDate), lt(pledges.createdAt, to)))
        .groupBy(associations.id, associations.name),

    /**
     * An association's volunteers who came at least once and hold no booking (live or attended)
     * in a session starting at `since` or later; erased ones never (their details are gone).
     */
    returning: (q: Tx, associationId: number, since: number) =>
      q.db
        .select({
          id: volunteers.id,
          name: volunteers.name,
          email: volunteers.email,
          phone: volunteers.phone,
          attended: sql<number>`count(*)`.mapWith(Number),
          lastSessionAt: sql<number>`max(${callingSessions.startsAt})`.mapWith(Number),
        })
        .from(volunteers)
        .innerJoin(bookings, and(eq(bookings.volunteerId, volunteers.id), eq(bookings.status, 'attended')))
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .where(
          and(
            eq(volunteers.associationId, associationId),
            isNull(volunteers.erasedAt),
            notExists(
              q.db
                .select({ one: sql`1` })
                .from(recent)
                .where(
                  and(
                    eq(recent.volunteerId, volunteers.id),
                    inArray(recent.status, ['booked', 'waitlisted', 'attended']),
                    // A subquery, not a join of an aliased table: drizzle's PostgreSQL builder drops the
                    // alias of a joined SQLite-schema table. Inside it, calling_sessions is its own.
                    inArray(recent.sessionId, q.db.select({ id: callingSessions.id }).from(callingSessions).where(gte(callingSessions.startsAt, since))),
                  ),
                ),
            ),
          ),
        )
        .groupBy(volunteers.id, volunteers.name, volunteers.email, volunteers.phone)
        .orderBy(desc(sql`max(${callingSessions.startsAt})`), asc(volunteers.id)),

  };
}

export type MobilisationRepo = ReturnType<typeof createMobilisationRepo>;

import { and, eq, exists, gt, inArray, isNull, lt, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, mailOutbox, pledges, volunteers } from '../../db/schema.ts';

/** What erasing volunteers did: counts only, for the answer and the audit log. */
export interface VolunteersErased {
  volunteers: number;
  bookingsCancelled: number;
  messagesDropped: number;
}

/**
 * Removing volunteers' personal data: on request (DELETE /api/volunteers/{id}), after
 * VOLUNTEER_RETENTION_DAYS without a booking, and at the end-of-campaign purge. The row stays,
 * blank, for the anonymous attendance counts. Every function expects the caller's transaction.
 */
export function createVolunteerErasure(
  db: Db,
  /** Cancels a live booking and gives its place to the first one waiting (sessions' places). */
  cancelBooking: (bookingId: number, sessionId: number, now: number) => boolean,
) {
  const idsOf = (rows: { id: number }[]) => rows.map((row) => row.id);
  const live = isNull(volunteers.erasedAt);
  const waitingOrBooked = inArray(bookings.status, ['booked', 'waitlisted']);
  const s = {
    exists: (id: number) => db.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.id, id)).get() !== undefined,
    live: () => idsOf(db.select({ id: volunteers.id }).from(volunteers).where(live).all()),
    // Booked (in any status) for the campaign's sessions, and for no other campaign's.
    onlyIn: (campaignId: number) => {
      const bookedIn = (inCampaign: boolean) =>
        db
          .select({ one: sql`1` })
          .from(bookings)
          .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
          .where(and(eq(bookings.volunteerId, volunteers.id), inCampaign ? eq(callingSessions.campaignId, campaignId) : ne(callingSessions.campaignId, campaignId)));
      return idsOf(db.select({ id: volunteers.id }).from(volunteers).where(and(live, exists(bookedIn(true)), notExists(bookedIn(false)))).all());
    },
    // No booking made since the cutoff, and none still ahead (a booking far ahead keeps its details).
    idle: (cutoff: number, now: number) =>
      idsOf(
        db
          .select({ id: volunteers.id })
          .from(volunteers)
          .where(
            and(
              live,
              lt(sql`coalesce(${volunteers.lastBookedAt}, ${volunteers.createdAt})`, cutoff),
              notExists(
                db
                  .select({ one: sql`1` })
                  .from(bookings)
                  .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
                  .where(and(eq(bookings.volunteerId, volunteers.id), waitingOrBooked, gt(callingSessions.endsAt, now))),
              ),
            ),
          )
          .all(),
      ),
    futureBookings: (id: number, now: number) =>
      db
        .select({ id: bookings.id, sessionId: bookings.sessionId })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .where(and(eq(bookings.volunteerId, id), waitingOrBooked, gt(callingSessions.startsAt, now)))
        .all(),
    // Unsent mail would carry the details (and the link) we are removing; sent rows name only ids.
    dropMail: (id: number) => db.delete(mailOutbox).where(and(eq(mailOutbox.volunteerId, id), isNull(mailOutbox.sentAt))).run().changes,
    // A pledge made in the person's name ("Anna Andersson: 5 shifts") names them too.
    blankPledges: (id: number) => void db.update(pledges).set({ name: '' }).where(eq(pledges.volunteerId, id)).run(),
    // A new generation voids the personal link; the stored hash becomes one of no token at all.
    blank: (id: number, now: number) =>
      db
        .update(volunteers)
        .set({
          name: '',
          email: null,
          phone: null,
          languages: [],
          erasedAt: sql`coalesce(${volunteers.erasedAt}, ${now})`,
          tokenGeneration: sql`${volunteers.tokenGeneration} + 1`,
          tokenHash: sql`lower(hex(randomblob(32)))`,
        })
        .where(eq(volunteers.id, id))
        .run().changes,
  };

  function erase(ids: readonly number[], now: number): VolunteersErased {
    const erased: VolunteersErased = { volunteers: 0, bookingsCancelled: 0, messagesDropped: 0 };
    for (const id of ids) {
      // Each freed place goes to the first one waiting, as when they cancel it themselves.
      for (const booking of s.futureBookings(id, now)) {
        if (cancelBooking(booking.id, booking.sessionId, now)) erased.bookingsCancelled += 1;
      }
      erased.messagesDropped += s.dropMail(id);
      s.blankPledges(id);
      erased.volunteers += s.blank(id, now);
    }
    return erased;
  }

  return {
    /** One volunteer, on request (again if asked again); null if there is no such volunteer. */
    eraseOne: (id: number, now: number): VolunteersErased | null => (s.exists(id) ? erase([id], now) : null),
    /** Everyone with no booking made since `cutoff` and none ahead. */
    eraseIdle: (cutoff: number, now: number) => erase(s.idle(cutoff, now), now),
    /** Everyone: the end-of-campaign purge. */
    eraseAll: (now: number) => erase(s.live(), now),
    /** Everyone whose every booking is in one campaign's sessions: archiving that campaign. */
    eraseOnlyIn: (campaignId: number, now: number) => erase(s.onlyIn(campaignId), now),
  };
}

export type VolunteerErasure = ReturnType<typeof createVolunteerErasure>;

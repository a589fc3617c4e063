import { randomBytes } from 'node:crypto';
import { and, eq, exists, gt, inArray, isNull, lt, ne, notExists, sql } from 'drizzle-orm';
import { bookings, callingSessions, mailOutbox, pledges, shifts, volunteers } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { highestPseudonym, isPseudonym, pseudonym } from '../figures/volunteer-pseudonym.ts';

/** What erasing volunteers did: counts only, for the answer and the audit log. */
/** The tables an erasure rewrites people's rows in: scrubbed once it has committed (Store.scrub). */
export const VOLUNTEER_TABLES = ['volunteers', 'pledges', 'mail_outbox', 'shifts'] as const;

export interface VolunteersErased {
  volunteers: number;
  bookingsCancelled: number;
  messagesDropped: number;
}

/**
 * Removing volunteers' personal data: on request (DELETE /api/volunteers/{id}), after
 * VOLUNTEER_RETENTION_DAYS without a booking, and at the end-of-campaign purge. The row stays,
 * blank, for the anonymous attendance counts. Every function runs in the caller's store write.
 */
export function createVolunteerErasure(
  /** Cancels a live booking and gives its place to the first one waiting (sessions' places). */
  cancelBooking: (q: Tx, bookingId: number, sessionId: number, now: number) => Promise<boolean>,
) {
  const idsOf = (rows: { id: number }[]) => rows.map((row) => row.id);
  const live = isNull(volunteers.erasedAt);
  const waitingOrBooked = inArray(bookings.status, ['booked', 'waitlisted']);
  const s = {
    exists: async (q: Tx, id: number) => first(await q.db.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.id, id))) !== undefined,
    live: async (q: Tx) => idsOf(await q.db.select({ id: volunteers.id }).from(volunteers).where(live)),
    // Booked (in any status) for the campaign's sessions, and for no other campaign's.
    onlyIn: async (q: Tx, campaignId: number) => {
      const bookedIn = (inCampaign: boolean) =>
        q.db
          .select({ one: sql`1` })
          .from(bookings)
          .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
          .where(and(eq(bookings.volunteerId, volunteers.id), inCampaign ? eq(callingSessions.campaignId, campaignId) : ne(callingSessions.campaignId, campaignId)));
      return idsOf(await q.db.select({ id: volunteers.id }).from(volunteers).where(and(live, exists(bookedIn(true)), notExists(bookedIn(false)))));
    },
    // No booking made since the cutoff, and none still ahead (a booking far ahead keeps its details).
    idle: async (q: Tx, cutoff: number, now: number) =>
      idsOf(
        await q.db
          .select({ id: volunteers.id })
          .from(volunteers)
          .where(
            and(
              live,
              lt(sql`coalesce(${volunteers.lastBookedAt}, ${volunteers.createdAt})`, cutoff),
              notExists(
                q.db
                  .select({ one: sql`1` })
                  .from(bookings)
                  .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
                  .where(and(eq(bookings.volunteerId, volunteers.id), waitingOrBooked, gt(callingSessions.endsAt, now))),
              ),
            ),
          ),
      ),
    futureBookings: (q: Tx, id: number, now: number) =>
      q.db
        .select({ id: bookings.id, sessionId: bookings.sessionId })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .where(and(eq(bookings.volunteerId, id), waitingOrBooked, gt(callingSessions.startsAt, now))),
    // Unsent mail would carry the details (and the link) we are removing; sent rows name only ids.
    dropMail: (q: Tx, id: number) => q.run(q.db.delete(mailOutbox).where(and(eq(mailOutbox.volunteerId, id), isNull(mailOutbox.sentAt)))),
    // A pledge made in the person's name ("Anna Andersson: 5 shifts") names them too.
    blankPledges: async (q: Tx, id: number) => {
      await q.db.update(pledges).set({ name: '' }).where(eq(pledges.volunteerId, id));
    },
    // Their shifts carry their name (a booked check-in copies it): it becomes a pseudonym of their own.
    pseudonymiseShifts: async (q: Tx, id: number) => {
      const theirs = eq(shifts.volunteerId, id);
      // Erased before (a retried request): their pseudonym stays.
      if ((await q.db.select({ name: shifts.name }).from(shifts).where(theirs)).every(({ name }) => isPseudonym(name))) return;
      await q.db.update(shifts).set({ name: pseudonym((await highestPseudonym(q)) + 1) }).where(theirs);
    },
    // A new generation voids the personal link; the stored hash becomes one of no token at all
    // (random bytes, as hex: no token hashes to that).
    blank: (q: Tx, id: number, now: number) =>
      q.run(
        q.db
        .update(volunteers)
        .set({
          name: '',
          email: null,
          phone: null,
          languages: [],
          erasedAt: sql`coalesce(${volunteers.erasedAt}, ${now})`,
          tokenGeneration: sql`${volunteers.tokenGeneration} + 1`,
          tokenHash: randomBytes(32).toString('hex'),
        })
        .where(eq(volunteers.id, id)),
      ),
  };

  async function erase(q: Tx, ids: readonly number[], now: number): Promise<VolunteersErased> {
    const erased: VolunteersErased = { volunteers: 0, bookingsCancelled: 0, messagesDropped: 0 };
    for (const id of ids) {
      // Each freed place goes to the first one waiting, as when they cancel it themselves.
      for (const booking of await s.futureBookings(q, id, now)) {
        if (await cancelBooking(q, booking.id, booking.sessionId, now)) erased.bookingsCancelled += 1;
      }
      erased.messagesDropped += await s.dropMail(q, id);
      await s.blankPledges(q, id);
      await s.pseudonymiseShifts(q, id);
      erased.volunteers += await s.blank(q, id, now);
    }
    return erased;
  }

  return {
    /** One volunteer, on request (again if asked again); null if there is no such volunteer. */
    eraseOne: async (q: Tx, id: number, now: number): Promise<VolunteersErased | null> => ((await s.exists(q, id)) ? erase(q, [id], now) : null),
    /** Everyone with no booking made since `cutoff` and none ahead. */
    eraseIdle: async (q: Tx, cutoff: number, now: number) => erase(q, await s.idle(q, cutoff, now), now),
    /** Everyone: the end-of-campaign purge. */
    eraseAll: async (q: Tx, now: number) => erase(q, await s.live(q), now),
    /** Everyone whose every booking is in one campaign's sessions: archiving that campaign. */
    eraseOnlyIn: async (q: Tx, campaignId: number, now: number) => erase(q, await s.onlyIn(q, campaignId), now),
  };
}

export type VolunteerErasure = ReturnType<typeof createVolunteerErasure>;

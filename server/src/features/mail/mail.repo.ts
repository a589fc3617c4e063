import { and, asc, eq, gt, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, mailOutbox, rooms, volunteers } from '../../db/schema.ts';

type Outbox = typeof mailOutbox.$inferSelect;
type SessionRow = typeof callingSessions.$inferSelect;
type RoomRow = typeof rooms.$inferSelect;

/** An unsent message with what it is about, read at the moment it is sent. */
export interface PendingMail extends Pick<Outbox, 'id' | 'kind' | 'bookingId' | 'tries'> {
  bookingStatus: (typeof bookings.$inferSelect)['status'] | null;
  session: (Pick<SessionRow, 'startsAt' | 'endsAt' | 'cancelledAt'> & { room: RoomRow['name']; address: RoomRow['address'] }) | null;
}

export type Recipient = Pick<typeof volunteers.$inferSelect, 'name' | 'email' | 'languages' | 'tokenGeneration' | 'erasedAt'>;

/** What `last_error` says while a message is being handed to SMTP (see mail-sender.ts). */
export const SENDING = 'sending';
/** What it says of a message the server stopped while sending: it may or may not have arrived. */
export const INTERRUPTED = 'interrupted while sending: may not have arrived';

/** The outbox's queries. Every write is one statement or one short transaction of the caller's. */
export function createMailRepo(db: Db) {
  const unsentDue = (now: number, maxTries: number) => and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextTryAt, now), lt(mailOutbox.tries, maxTries));
  const s = {
    due: (now: number, maxTries: number, limit: number) => {
      const oldest = db
        .select({ volunteerId: mailOutbox.volunteerId })
        .from(mailOutbox)
        .where(unsentDue(now, maxTries))
        .orderBy(asc(mailOutbox.nextTryAt), asc(mailOutbox.id))
        .limit(limit)
        .as('oldest');
      return db.selectDistinct({ volunteerId: oldest.volunteerId }).from(oldest).all();
    },
    pending: (volunteerId: number, now: number, maxTries: number) =>
      db
        .select({
          id: mailOutbox.id,
          kind: mailOutbox.kind,
          bookingId: mailOutbox.bookingId,
          tries: mailOutbox.tries,
          bookingStatus: bookings.status,
          sessionId: callingSessions.id,
          startsAt: callingSessions.startsAt,
          endsAt: callingSessions.endsAt,
          cancelledAt: callingSessions.cancelledAt,
          room: rooms.name,
          address: rooms.address,
        })
        .from(mailOutbox)
        .leftJoin(bookings, eq(bookings.id, mailOutbox.bookingId))
        .leftJoin(callingSessions, eq(callingSessions.id, sql`coalesce(${bookings.sessionId}, ${mailOutbox.sessionId})`))
        .leftJoin(rooms, eq(rooms.id, callingSessions.roomId))
        .where(and(eq(mailOutbox.volunteerId, volunteerId), unsentDue(now, maxTries)))
        .orderBy(asc(mailOutbox.id))
        .all(),
    recipient: (volunteerId: number): Recipient | undefined =>
      db
        .select({
          name: volunteers.name,
          email: volunteers.email,
          languages: volunteers.languages,
          tokenGeneration: volunteers.tokenGeneration,
          erasedAt: volunteers.erasedAt,
        })
        .from(volunteers)
        .where(eq(volunteers.id, volunteerId))
        .get(),
    drop: (id: number) => db.delete(mailOutbox).where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt))).run(),
    // One statement: of two senders, only one sees sent_at still NULL (the at-most-once claim).
    claim: (id: number, now: number) =>
      db
        .update(mailOutbox)
        .set({ sentAt: now, lastError: SENDING })
        .where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt)))
        .run(),
    sent: (id: number) => db.update(mailOutbox).set({ lastError: null }).where(and(eq(mailOutbox.id, id), eq(mailOutbox.lastError, SENDING))).run(),
    failed: (id: number, nextTryAt: number, error: string) =>
      db
        .update(mailOutbox)
        .set({ sentAt: null, tries: sql`${mailOutbox.tries} + 1`, nextTryAt, lastError: error })
        .where(eq(mailOutbox.id, id))
        .run(),
    remindersOf: (bookingId: number) =>
      db
        .select({ id: mailOutbox.id, key: mailOutbox.key })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.bookingId, bookingId), eq(mailOutbox.kind, 'reminder')))
        .all(),
    forget: (id: number) => db.delete(mailOutbox).where(eq(mailOutbox.id, id)).run(),
    interrupted: () =>
      db
        .update(mailOutbox)
        .set({ lastError: INTERRUPTED })
        .where(and(isNotNull(mailOutbox.sentAt), eq(mailOutbox.lastError, SENDING)))
        .run().changes,
    // A reminder's moment is <hours> before the start; a booking made after that moment skips it.
    // One INSERT … SELECT: insert-select names every column of the table, in its order.
    reminders: (prefix: string, now: number, window: number) =>
      db
        .insert(mailOutbox)
        .select(
          db
            .select({
              id: sql<number>`NULL`.as('id'),
              key: sql<string>`${prefix} || ${bookings.id}`.as('key'),
              kind: sql<'reminder'>`'reminder'`.as('kind'),
              volunteerId: bookings.volunteerId,
              bookingId: bookings.id,
              sessionId: callingSessions.id,
              createdAt: sql<number>`${now}`.as('created_at'),
              nextTryAt: sql<number>`${now}`.as('next_try_at'),
              tries: sql<number>`0`.as('tries'),
              lastError: sql<null>`NULL`.as('last_error'),
              sentAt: sql<null>`NULL`.as('sent_at'),
            })
            .from(callingSessions)
            .innerJoin(bookings, and(eq(bookings.sessionId, callingSessions.id), eq(bookings.status, 'booked')))
            .innerJoin(volunteers, eq(volunteers.id, bookings.volunteerId))
            .where(
              and(
                gt(callingSessions.startsAt, now),
                lte(callingSessions.startsAt, now + window),
                isNull(callingSessions.cancelledAt),
                lte(bookings.createdAt, sql`${callingSessions.startsAt} - ${window}`),
                isNull(volunteers.erasedAt),
                isNotNull(volunteers.email),
              ),
            ),
        )
        .onConflictDoNothing({ target: mailOutbox.key })
        .run().changes,
  };
  // One transaction per call: a message's rows change together.
  const forEach = (ids: readonly number[], run: (id: number) => void) => db.transaction(() => ids.forEach(run));

  return {
    /** Volunteers with a message due, oldest first (at most `limit` messages' worth). */
    dueRecipients: (now: number, maxTries: number, limit: number) => s.due(now, maxTries, limit).map((row) => row.volunteerId),

    pending(volunteerId: number, now: number, maxTries: number): PendingMail[] {
      return s.pending(volunteerId, now, maxTries).map(({ sessionId, startsAt, endsAt, cancelledAt, room, address, ...row }) => ({
        ...row,
        // A session, when joined, has its room (rooms.id is its room_id's reference).
        session: sessionId === null ? null : { startsAt: startsAt!, endsAt: endsAt!, cancelledAt, room: room!, address },
      }));
    },

    recipient: s.recipient,

    /** Messages that no longer apply (the booking cancelled, the session begun): never sent. */
    drop: (ids: readonly number[]) => forEach(ids, (id) => s.drop(id)),

    /** Marks the messages sent before they are handed to SMTP (mail-sender.ts says why). */
    claim: (ids: readonly number[], now: number) => forEach(ids, (id) => s.claim(id, now)),

    delivered: (ids: readonly number[]) => forEach(ids, (id) => s.sent(id)),

    /** Back in the queue for another try at `nextTryAt`, with an error that names no one. */
    failed: (ids: readonly number[], nextTryAt: number, error: string) => forEach(ids, (id) => s.failed(id, nextTryAt, error)),

    /**
     * After a session moved: its reminders whose moment (`reminder:<hours>:…`, hours before the new
     * start) lies ahead again are forgotten, so the sweep sends them again for the new time.
     */
    forgetRemindersAhead(bookingId: number, startsAt: number, now: number): void {
      const ahead = s.remindersOf(bookingId).filter(({ key }) => startsAt - Number(key.split(':')[1]) * 3_600_000 > now);
      forEach(ahead.map(({ id }) => id), (id) => s.forget(id));
    },

    /** At start: messages the last run was sending when it stopped. */
    markInterrupted: () => s.interrupted(),

    /** Queues the reminder `hours` before each booked session that starts within that time. */
    queueReminders: (hours: number, now: number) => s.reminders(`reminder:${hours}:booking:`, now, hours * 3_600_000),
  };
}

export type MailRepo = ReturnType<typeof createMailRepo>;

import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { bookings, callingSessions, mailOutbox, rooms, volunteers } from '../../db/schema.ts';
import { statement } from '../../db/store/statement.ts';
import { first, type Tx } from '../../db/store/store.ts';

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

// A reminder's moment is <hours> before the start; a booking made after that moment skips it.
// One INSERT … SELECT, the id left to the database (PostgreSQL refuses an explicit NULL id).
const queueRemindersSql = statement<{ prefix: string; now: number; window: number }>(`
  INSERT INTO mail_outbox (key, kind, volunteer_id, booking_id, session_id, created_at, next_try_at, tries)
  SELECT CAST(@prefix AS TEXT) || CAST(b.id AS TEXT), 'reminder', b.volunteer_id, b.id, s.id, CAST(@now AS BIGINT), CAST(@now AS BIGINT), 0
  FROM calling_sessions s
  JOIN bookings b ON b.session_id = s.id AND b.status = 'booked'
  JOIN volunteers v ON v.id = b.volunteer_id
  WHERE s.starts_at > @now AND s.starts_at <= CAST(@now AS BIGINT) + CAST(@window AS BIGINT) AND s.cancelled_at IS NULL
    AND b.created_at <= s.starts_at - @window
    AND v.erased_at IS NULL AND v.email IS NOT NULL
  ON CONFLICT (key) DO NOTHING`);

const unsentDue = (now: number, maxTries: number) => and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextTryAt, now), lt(mailOutbox.tries, maxTries));

// The outbox's queries. Each runs in the caller's store work; a call with several ids belongs in
// one write, so a message's rows change together.

/** Volunteers with a message due, oldest first (at most `limit` messages' worth). */
export async function dueRecipients(q: Tx, now: number, maxTries: number, limit: number): Promise<number[]> {
  const oldest = q.db
    .select({ volunteerId: mailOutbox.volunteerId })
    .from(mailOutbox)
    .where(unsentDue(now, maxTries))
    .orderBy(asc(mailOutbox.nextTryAt), asc(mailOutbox.id))
    .limit(limit)
    .as('oldest');
  return (await q.db.selectDistinct({ volunteerId: oldest.volunteerId }).from(oldest)).map((row) => row.volunteerId);
}

export async function pending(q: Tx, volunteerId: number, now: number, maxTries: number): Promise<PendingMail[]> {
  const rows = await q.db
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
    .orderBy(asc(mailOutbox.id));
  return rows.map(({ sessionId, startsAt, endsAt, cancelledAt, room, address, ...row }) => ({
    ...row,
    // A session, when joined, has its room (rooms.id is its room_id's reference).
    session: sessionId === null ? null : { startsAt: startsAt!, endsAt: endsAt!, cancelledAt, room: room!, address },
  }));
}

export const recipient = async (q: Tx, volunteerId: number): Promise<Recipient | undefined> =>
  first(
    await q.db
      .select({
        name: volunteers.name,
        email: volunteers.email,
        languages: volunteers.languages,
        tokenGeneration: volunteers.tokenGeneration,
        erasedAt: volunteers.erasedAt,
      })
      .from(volunteers)
      .where(eq(volunteers.id, volunteerId)),
  );

/** Messages that no longer apply (the booking cancelled, the session begun): never sent. */
export async function drop(q: Tx, ids: readonly number[]): Promise<void> {
  for (const id of ids) await q.db.delete(mailOutbox).where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt)));
}

/** Marks the messages sent before they are handed to SMTP (mail-sender.ts says why); returns how many it marked. */
export async function claim(q: Tx, ids: readonly number[], now: number): Promise<number> {
  // One statement each: of two senders, only one sees sent_at still NULL (the at-most-once claim;
  // on PostgreSQL the second waits for the first's row lock, then finds sent_at set and marks nothing).
  let claimed = 0;
  for (const id of ids) {
    claimed += await q.run(
      q.db
        .update(mailOutbox)
        .set({ sentAt: now, lastError: SENDING })
        .where(and(eq(mailOutbox.id, id), isNull(mailOutbox.sentAt))),
    );
  }
  return claimed;
}

/** SMTP took them. Also over "interrupted": another node's start may have marked them while this one was sending. */
export async function delivered(q: Tx, ids: readonly number[]): Promise<void> {
  for (const id of ids) await q.db.update(mailOutbox).set({ lastError: null }).where(and(eq(mailOutbox.id, id), inArray(mailOutbox.lastError, [SENDING, INTERRUPTED])));
}

/** Back in the queue for another try at `nextTryAt`, with an error that names no one. */
export async function failed(q: Tx, ids: readonly number[], nextTryAt: number, error: string): Promise<void> {
  for (const id of ids) {
    await q.db
      .update(mailOutbox)
      .set({ sentAt: null, tries: sql`${mailOutbox.tries} + 1`, nextTryAt, lastError: error })
      .where(eq(mailOutbox.id, id));
  }
}

/**
 * After a session moved: its reminders whose moment (`reminder:<hours>:…`, hours before the new
 * start) lies ahead again are forgotten, so the sweep sends them again for the new time.
 */
export async function forgetRemindersAhead(q: Tx, bookingId: number, startsAt: number, now: number): Promise<void> {
  const reminders = await q.db
    .select({ id: mailOutbox.id, key: mailOutbox.key })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.bookingId, bookingId), eq(mailOutbox.kind, 'reminder')));
  const ahead = reminders.filter(({ key }) => startsAt - Number(key.split(':')[1]) * 3_600_000 > now);
  for (const { id } of ahead) await q.db.delete(mailOutbox).where(eq(mailOutbox.id, id));
}

/**
 * At start: messages a stopped run was sending, claimed at or before `claimedBy` (on several nodes,
 * only those claimed longer ago than a send can take: younger ones may be another node's, in flight).
 */
export const markInterrupted = (q: Tx, claimedBy: number) =>
  q.run(
    q.db
      .update(mailOutbox)
      .set({ lastError: INTERRUPTED })
      .where(and(isNotNull(mailOutbox.sentAt), eq(mailOutbox.lastError, SENDING), lte(mailOutbox.sentAt, claimedBy))),
  );

/** Queues the reminder `hours` before each booked session that starts within that time. */
export const queueReminders = (q: Tx, hours: number, now: number) =>
  q.run(queueRemindersSql, { prefix: `reminder:${hours}:booking:`, now, window: hours * 3_600_000 });

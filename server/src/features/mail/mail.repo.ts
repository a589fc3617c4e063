import type { Database } from 'better-sqlite3';
import type { MailKind } from './mail-outbox.ts';

/** An unsent message with what it is about, read at the moment it is sent. */
export interface PendingMail {
  id: number;
  kind: MailKind;
  bookingId: number | null;
  tries: number;
  bookingStatus: 'booked' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show' | null;
  session: { startsAt: number; endsAt: number; cancelledAt: number | null; room: string; address: string | null } | null;
}

export interface Recipient {
  name: string;
  email: string | null;
  languages: string[];
  tokenGeneration: number;
  erasedAt: number | null;
}

/** What `last_error` says while a message is being handed to SMTP (see mail-sender.ts). */
export const SENDING = 'sending';
/** What it says of a message the server stopped while sending: it may or may not have arrived. */
export const INTERRUPTED = 'interrupted while sending: may not have arrived';

/** The outbox's queries. Every write is one statement or one short transaction of the caller's. */
export function createMailRepo(sqlite: Database) {
  const s = {
    due: sqlite.prepare(
      `SELECT DISTINCT volunteer_id FROM (SELECT volunteer_id FROM mail_outbox
       WHERE sent_at IS NULL AND next_try_at <= ? AND tries < ? ORDER BY next_try_at, id LIMIT ?)`,
    ),
    pending: sqlite.prepare(
      `SELECT o.id, o.kind, o.booking_id AS bookingId, o.tries, b.status AS bookingStatus, s.id AS sessionId,
              s.starts_at AS startsAt, s.ends_at AS endsAt, s.cancelled_at AS cancelledAt, r.name AS room, r.address
       FROM mail_outbox o
       LEFT JOIN bookings b ON b.id = o.booking_id
       LEFT JOIN calling_sessions s ON s.id = COALESCE(b.session_id, o.session_id)
       LEFT JOIN rooms r ON r.id = s.room_id
       WHERE o.volunteer_id = ? AND o.sent_at IS NULL AND o.next_try_at <= ? AND o.tries < ?
       ORDER BY o.id`,
    ),
    recipient: sqlite.prepare(
      'SELECT name, email, languages, token_generation AS tokenGeneration, erased_at AS erasedAt FROM volunteers WHERE id = ?',
    ),
    drop: sqlite.prepare('DELETE FROM mail_outbox WHERE id = ? AND sent_at IS NULL'),
    claim: sqlite.prepare(`UPDATE mail_outbox SET sent_at = ?, last_error = '${SENDING}' WHERE id = ? AND sent_at IS NULL`),
    sent: sqlite.prepare(`UPDATE mail_outbox SET last_error = NULL WHERE id = ? AND last_error = '${SENDING}'`),
    failed: sqlite.prepare('UPDATE mail_outbox SET sent_at = NULL, tries = tries + 1, next_try_at = ?, last_error = ? WHERE id = ?'),
    remindersOf: sqlite.prepare(`SELECT id, key FROM mail_outbox WHERE booking_id = ? AND kind = 'reminder'`),
    forget: sqlite.prepare('DELETE FROM mail_outbox WHERE id = ?'),
    interrupted: sqlite.prepare(`UPDATE mail_outbox SET last_error = ? WHERE sent_at IS NOT NULL AND last_error = '${SENDING}'`),
    // A reminder's moment is <hours> before the start; a booking made after that moment skips it.
    reminders: sqlite.prepare(
      `INSERT INTO mail_outbox (key, kind, volunteer_id, booking_id, session_id, created_at, next_try_at)
       SELECT @prefix || b.id, 'reminder', b.volunteer_id, b.id, s.id, @now, @now
       FROM calling_sessions s
       JOIN bookings b ON b.session_id = s.id AND b.status = 'booked'
       JOIN volunteers v ON v.id = b.volunteer_id
       WHERE s.starts_at > @now AND s.starts_at <= @now + @window AND s.cancelled_at IS NULL
         AND b.created_at <= s.starts_at - @window AND v.erased_at IS NULL AND v.email IS NOT NULL
       ON CONFLICT (key) DO NOTHING`,
    ),
  };
  // One transaction per call: a message's rows change together.
  const forEach = (ids: readonly number[], run: (id: number) => void) => sqlite.transaction(() => ids.forEach(run))();

  return {
    /** Volunteers with a message due, oldest first (at most `limit` messages' worth). */
    dueRecipients: (now: number, maxTries: number, limit: number) => s.due.pluck().all(now, maxTries, limit) as number[],

    pending(volunteerId: number, now: number, maxTries: number): PendingMail[] {
      type Row = Omit<PendingMail, 'session'> & NonNullable<PendingMail['session']> & { sessionId: number | null };
      return (s.pending.all(volunteerId, now, maxTries) as Row[]).map(({ sessionId, startsAt, endsAt, cancelledAt, room, address, ...row }) => ({
        ...row,
        session: sessionId === null ? null : { startsAt, endsAt, cancelledAt, room, address },
      }));
    },

    recipient(volunteerId: number): Recipient | undefined {
      const row = s.recipient.get(volunteerId) as (Omit<Recipient, 'languages'> & { languages: string }) | undefined;
      return row && { ...row, languages: JSON.parse(row.languages) as string[] };
    },

    /** Messages that no longer apply (the booking cancelled, the session begun): never sent. */
    drop: (ids: readonly number[]) => forEach(ids, (id) => s.drop.run(id)),

    /** Marks the messages sent before they are handed to SMTP (mail-sender.ts says why). */
    claim: (ids: readonly number[], now: number) => forEach(ids, (id) => s.claim.run(now, id)),

    delivered: (ids: readonly number[]) => forEach(ids, (id) => s.sent.run(id)),

    /** Back in the queue for another try at `nextTryAt`, with an error that names no one. */
    failed: (ids: readonly number[], nextTryAt: number, error: string) => forEach(ids, (id) => s.failed.run(nextTryAt, error, id)),

    /**
     * After a session moved: its reminders whose moment (`reminder:<hours>:…`, hours before the new
     * start) lies ahead again are forgotten, so the sweep sends them again for the new time.
     */
    forgetRemindersAhead(bookingId: number, startsAt: number, now: number): void {
      const reminders = s.remindersOf.all(bookingId) as { id: number; key: string }[];
      const ahead = reminders.filter(({ key }) => startsAt - Number(key.split(':')[1]) * 3_600_000 > now);
      forEach(ahead.map(({ id }) => id), (id) => s.forget.run(id));
    },

    /** At start: messages the last run was sending when it stopped. */
    markInterrupted: () => s.interrupted.run(INTERRUPTED).changes,

    /** Queues the reminder `hours` before each booked session that starts within that time. */
    queueReminders: (hours: number, now: number) => s.reminders.run({ prefix: `reminder:${hours}:booking:`, now, window: hours * 3_600_000 }).changes,
  };
}

export type MailRepo = ReturnType<typeof createMailRepo>;

import type { Database } from 'better-sqlite3';

/** What a message is about; the sender renders it from the rows it names, at the time it sends. */
export type MailKind = 'confirmation' | 'reminder' | 'changed' | 'cancelled' | 'promoted' | 'personal_link';

export interface QueuedMail {
  kind: MailKind;
  volunteerId: number;
  bookingId?: number;
  sessionId?: number;
  /**
   * Makes the message unique: a second queueing of the same key is ignored, across restarts too.
   * Keys: `confirmation:booking:<id>`, `promoted:booking:<id>`, `changed:<revision>:booking:<id>`,
   * `cancelled:booking:<id>`, `reminder:<hours>:booking:<id>`, `personal_link:volunteer:<id>:<generation>`.
   */
  key: string;
}

/**
 * Queues a message in the caller's transaction, so it exists exactly when the write it tells of
 * commits. Queued whether or not SMTP is configured: the rows name only ids, and the sender
 * (started with SMTP_URL) sends what is due.
 */
export function queueMail(sqlite: Database, mail: QueuedMail, now: number): void {
  sqlite
    .prepare(
      `INSERT INTO mail_outbox (key, kind, volunteer_id, booking_id, session_id, created_at, next_try_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    )
    .run(mail.key, mail.kind, mail.volunteerId, mail.bookingId ?? null, mail.sessionId ?? null, now, now);
}

import type { Db } from '../../db/open.ts';
import { mailOutbox } from '../../db/schema.ts';

/** What a message is about; the sender renders it from the rows it names, at the time it sends. */
export type MailKind = (typeof mailOutbox.$inferSelect)['kind'];

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
export function queueMail(db: Pick<Db, 'insert'>, mail: QueuedMail, now: number): void {
  db.insert(mailOutbox)
    .values({ key: mail.key, kind: mail.kind, volunteerId: mail.volunteerId, bookingId: mail.bookingId ?? null, sessionId: mail.sessionId ?? null, createdAt: now, nextTryAt: now })
    .onConflictDoNothing({ target: mailOutbox.key })
    .run();
}

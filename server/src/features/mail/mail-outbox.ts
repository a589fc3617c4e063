import type { Tx } from '../../db/store/store.ts';
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

/** The outbox row of a queued message, due at once. */
export const outboxRow = (mail: QueuedMail, now: number) => ({
  key: mail.key,
  kind: mail.kind,
  volunteerId: mail.volunteerId,
  bookingId: mail.bookingId ?? null,
  sessionId: mail.sessionId ?? null,
  createdAt: now,
  nextTryAt: now,
});

/**
 * Queues a message in the caller's write, so it exists exactly when the write it tells of
 * commits (and a retried write queues it once). Queued whether or not SMTP is configured: the
 * rows name only ids, and the sender (started with SMTP_URL) sends what is due.
 */
export async function queueMail(q: Tx, mail: QueuedMail, now: number): Promise<void> {
  await q.db.insert(mailOutbox).values(outboxRow(mail, now)).onConflictDoNothing({ target: mailOutbox.key });
}

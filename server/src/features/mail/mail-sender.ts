import type { FastifyBaseLogger } from 'fastify';
import { composeLetter } from './compose-letter.ts';
import { mailLanguage } from './mail-texts.ts';
import type { Store } from '../../db/store/store.ts';
import * as repo from './mail.repo.ts';
import { renderMail, type RenderedMail } from './render-mail.ts';

// Sending, and its promise. The outbox key keeps a message from being queued twice; what keeps
// it from being sent twice is that its row is marked sent (`sent_at`, with last_error 'sending')
// in its own write BEFORE the message is handed to SMTP, and put back in the queue only when
// SMTP refuses it or cannot be reached. So we err towards AT MOST ONCE: if the process dies
// between that commit and SMTP's answer, the message counts as sent and is not retried (it may
// not have arrived; the next start logs how many). Erring the other way, a crash after SMTP
// accepted and before the mark would send the reminder again, which the issue rules out; a
// reminder lost to a crash has a later one behind it.

/** Tries before a message is given up (its row keeps the last error). */
export const MAX_TRIES = 8;
/** Messages looked at per run; the rest wait for the next run. */
const BATCH = 50;

/** The wait after the n-th failed try: 1 min, 4, 16, about an hour, 4 h, then 6 h. About a day in all. */
export const retryDelayMs = (tries: number) => Math.min(60_000 * 4 ** (tries - 1), 6 * 3_600_000);

export interface OutgoingMail extends RenderedMail {
  to: string;
}

export interface MailSenderDeps {
  store: Store;
  /** Hands one email to SMTP; resolves once the server accepted it. */
  deliver: (mail: OutgoingMail) => Promise<unknown>;
  /** `<origin>/me#token=…` for a volunteer. */
  personalLink: (volunteerId: number, generation: number) => string;
  timeZone: string;
  now: () => number;
  log: FastifyBaseLogger;
}

export interface SendReport {
  sent: number;
  failed: number;
  dropped: number;
}

/**
 * What SMTP's refusal says without the personal data it may quote (a server's "550 <anna@…>:
 * no such user" names the recipient): the error's code, SMTP status and command only.
 */
export function describeSmtpError(error: unknown): string {
  const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [typeof code === 'string' ? code : 'error', typeof responseCode === 'number' ? String(responseCode) : '', typeof command === 'string' ? command.split(' ')[0]! : ''];
  return parts.filter(Boolean).join(' ').slice(0, 100);
}

/** A message was claimed by another sender between this one's read and its claim (the write rolls back). */
class ClaimedElsewhereError extends Error {}

export function createMailSender(deps: MailSenderDeps) {
  const { store } = deps;
  let running: Promise<SendReport> | null = null;
  let stopping = false;

  /** One volunteer's due messages, as one email, claimed in the same write that read them. */
  const prepare = (volunteerId: number, now: number) =>
    store.write(async (q): Promise<{ ids: number[]; tries: number; moved: { bookingId: number; startsAt: number }[]; mail: OutgoingMail } | { dropped: number }> => {
      // Several nodes send: one at a time reads and claims a volunteer's messages, so the second
      // reads them claimed already (PostgreSQL's READ COMMITTED would otherwise let both read them unsent).
      await q.lock(`mail:volunteer:${volunteerId}`);
      const pending = await repo.pending(q, volunteerId, now, MAX_TRIES);
      const recipient = await repo.recipient(q, volunteerId);
      if (!recipient?.email || recipient.erasedAt !== null) {
        await repo.drop(q, pending.map((mail) => mail.id));
        return { dropped: pending.length };
      }
      const { items, send, drop } = composeLetter(pending, now);
      await repo.drop(q, drop);
      if (items.length === 0) return { dropped: drop.length };
      const rendered = renderMail({
        language: mailLanguage(recipient.languages),
        name: recipient.name,
        personalLink: deps.personalLink(volunteerId, recipient.tokenGeneration),
        timeZone: deps.timeZone,
        items,
      });
      // Never short under the lock above; if it were, another sender has them: sent by it, not here.
      if ((await repo.claim(q, send, now)) !== send.length) throw new ClaimedElsewhereError();
      const told = pending.filter((mail) => send.includes(mail.id));
      const tries = Math.max(...told.map((mail) => mail.tries));
      const moved = told.flatMap((mail) => (mail.kind === 'changed' && mail.bookingId !== null && mail.session ? [{ bookingId: mail.bookingId, startsAt: mail.session.startsAt }] : []));
      return { ids: send, tries, moved, mail: { ...rendered, to: recipient.email } };
    });

  async function run(): Promise<SendReport> {
    const report: SendReport = { sent: 0, failed: 0, dropped: 0 };
    const due = await store.read((q) => repo.dueRecipients(q, deps.now(), MAX_TRIES, BATCH));
    for (const volunteerId of due) {
      if (stopping) break;
      let prepared: Awaited<ReturnType<typeof prepare>>;
      try {
        prepared = await prepare(volunteerId, deps.now());
      } catch (error) {
        if (error instanceof ClaimedElsewhereError) continue;
        throw error;
      }
      if ('dropped' in prepared) {
        report.dropped += prepared.dropped;
        continue;
      }
      try {
        await deps.deliver(prepared.mail);
      } catch (error) {
        const tries = prepared.tries + 1;
        const reason = describeSmtpError(error);
        const nextTryAt = deps.now() + retryDelayMs(tries);
        await store.write((q) => repo.failed(q, prepared.ids, nextTryAt, reason));
        report.failed += 1;
        // Logged by kind of failure only: the error's own text may quote the address.
        if (tries >= MAX_TRIES) deps.log.warn({ reason, messages: prepared.ids.length }, 'email given up after the last try');
        else deps.log.warn({ reason, tries }, 'email not sent; will try again');
        // No SMTP answer at all (down, unreachable, refusing the login): the rest would wait for
        // the same timeout one by one. They go at the next run, without losing a try.
        if (typeof (error as { responseCode?: unknown }).responseCode !== 'number') break;
        continue;
      }
      report.sent += 1;
      // Sent already counts: if this write fails, the row reads "interrupted" at the next start, never "retry".
      try {
        const now = deps.now();
        await store.write(async (q) => {
          await repo.delivered(q, prepared.ids);
          // Told of the new time: reminders sent for the old one go again at the new one's moments.
          for (const { bookingId, startsAt } of prepared.moved) await repo.forgetRemindersAhead(q, bookingId, startsAt, now);
        });
      } catch (error) {
        deps.log.warn({ err: error }, 'email sent, but not marked delivered');
      }
    }
    return report;
  }

  return {
    /** Sends what is due now; a call while a run is going joins that run. */
    sendDue(): Promise<SendReport> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    /** Shutdown: no new email is started; resolves once the one being sent (if any) is marked. */
    stop: async () => {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;

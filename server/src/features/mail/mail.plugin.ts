import fp from 'fastify-plugin';
import { createTransport } from 'nodemailer';
import { roomOrigins } from '../../startup-banner.ts';
import { personalToken } from '../auth/tokens.ts';
import { createMailSender, type SendReport } from './mail-sender.ts';
import { markInterrupted, queueReminders } from './mail.repo.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Queues the reminders due by the app's clock (`reminder:<hours>:booking:<id>`); resolves to
     * how many. It also runs once a minute. Without SMTP_URL it queues nothing.
     */
    sweepReminders: () => Promise<number>;
    /** Sends the queued mail that is due (also every 15 s). Without SMTP_URL it sends nothing. */
    sendQueuedMail: () => Promise<SendReport>;
  }
}

const SEND_EVERY_MS = 15_000;
const SWEEP_EVERY_MS = 60_000;
/** SMTP waits, kept short: a shutdown waits for the email being sent. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
/** Longer than one email can be on its way to SMTP (the timeouts above, with room to spare). */
const SEND_TAKES_AT_MOST_MS = 10 * 60_000;
/** The advisory lock a reminder sweep holds on PostgreSQL: one node queues at a time. */
export const REMINDER_SWEEP_LOCK = 'job:mail-reminders';

/**
 * Email: confirmations, reminders and change notes, sent from the outbox (mail-outbox.ts) when
 * SMTP_URL is set. Without it the outbox still fills (the rows name only ids) and nothing is sent.
 */
export const mailPlugin = fp(
  async (app) => {
    const { config } = app;
    const mail = config.mail;
    if (!mail) {
      app.decorate('sweepReminders', async () => 0);
      app.decorate('sendQueuedMail', async () => ({ sent: 0, failed: 0, dropped: 0 }));
      return;
    }
    // On one SQLite node every message still "sending" is this server's last run's; on PostgreSQL a
    // message claimed lately may be another live node's, in flight.
    const claimedBy = app.store.dialect === 'sqlite' ? Number.MAX_SAFE_INTEGER : app.now() - SEND_TAKES_AT_MOST_MS;
    const interrupted = await app.store.write((q) => markInterrupted(q, claimedBy));
    if (interrupted > 0) app.log.warn({ messages: interrupted }, 'the last run stopped while sending email: it may not have arrived');

    // The URL names the server and its credentials; nodemailer's own logging stays off.
    const transport = createTransport({ url: mail.smtpUrl, ...SMTP_TIMEOUTS }, { from: mail.from });
    const origin = config.publicUrl ?? roomOrigins(config).room;
    const sender = createMailSender({
      store: app.store,
      deliver: ({ to, subject, text, html }) => transport.sendMail({ to, subject, text, html }),
      personalLink: (volunteerId, generation) => `${origin}/me#token=${personalToken(app.tokenKey, volunteerId, generation)}`,
      timeZone: config.timeZone,
      now: app.now,
      log: app.log,
    });
    const sweepReminders = () =>
      app.store.write(async (q) => {
        let queued = 0;
        // Queued by key (ON CONFLICT DO NOTHING): a second node's round would queue nothing; the lock spares it the work.
        if (!(await q.tryLock(REMINDER_SWEEP_LOCK))) return queued;
        for (const hours of config.reminderHours) queued += await queueReminders(q, hours, app.now());
        return queued;
      });

    const every = (ms: number, work: () => Promise<unknown>, failure: string) => {
      const timer = setInterval(() => {
        work().catch((error: unknown) => app.log.warn({ err: error }, failure));
      }, ms);
      timer.unref();
      return timer;
    };
    const timers = [
      every(SWEEP_EVERY_MS, sweepReminders, 'reminder sweep failed'),
      every(SEND_EVERY_MS, sender.sendDue, 'sending email failed'),
    ];
    app.decorate('sweepReminders', sweepReminders);
    app.decorate('sendQueuedMail', sender.sendDue);
    // Before the store refuses writes (the database plugin's first closing step): the email being
    // sent is marked delivered, not left to read "interrupted" at the next start.
    app.finishBeforeWritesClose(async () => {
      timers.forEach(clearInterval);
      await sender.stop();
      transport.close();
    });
  },
  { name: 'mail', dependencies: ['database'] },
);

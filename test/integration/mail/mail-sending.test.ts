import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queueMail } from '../../../server/src/features/mail/mail-outbox.ts';
import { retryDelayMs } from '../../../server/src/features/mail/mail-sender.ts';
import { buildBooking, buildRoom, buildSession, buildVolunteer, HOUR } from '../../helpers/booking-rows.ts';
import { startServer, tempDatabasePath, type TestServer } from '../../helpers/server.ts';
import { startSmtpInbox, SMTP_PASSWORD, type SmtpInbox } from '../../helpers/smtp-inbox.ts';

const PUBLIC_URL = 'http://ringstuga.test';
const MAIL_FROM = 'Ringstuga <ring@ringstuga.test>';
// 18:00 in Stockholm on Thursday 10 December 2026.
const STARTS = Date.parse('2026-12-10T17:00:00Z');

let server: TestServer | undefined;
let inbox: SmtpInbox | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await server?.close();
  await inbox?.stop();
  server = inbox = undefined;
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

const clock = { now: STARTS - 48 * HOUR };

/** Every log line the server writes, at trace level. */
const logLines: string[] = [];
const logger = {
  level: 'trace',
  stream: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  }),
};

async function start(options: { smtp?: boolean; databasePath?: string } = {}): Promise<TestServer> {
  const env: Record<string, string> = { PUBLIC_URL };
  if (options.smtp !== false) Object.assign(env, { SMTP_URL: inbox!.url, MAIL_FROM });
  return startServer({ env, now: () => clock.now, databasePath: options.databasePath, logger });
}

async function campaign(app: TestServer['app']) {
  const roomId = await buildRoom(app, { name: 'Folkets hus', address: 'Storgatan 1, Umeå' });
  const sessionId = await buildSession(app, { roomId, startsAt: STARTS });
  return { roomId, sessionId };
}

/** A volunteer signing up now: the volunteer, their token and the booking (its confirmation queued). */
async function signUp(app: TestServer['app'], sessionId: number, who: { name: string; email: string; languages?: string[] }) {
  const volunteer = await buildVolunteer(app, { ...who, createdAt: clock.now });
  return { ...volunteer, bookingId: await buildBooking(app, { sessionId, volunteerId: volunteer.id, createdAt: clock.now }) };
}

/** A server on a database file that outlives it, for a restart. */
function onFile(): string {
  const temp = tempDatabasePath();
  cleanups.push(temp.cleanup);
  return temp.path;
}

const outbox = (app: TestServer['app']) =>
  app.store.read((q) =>
    q.all<{ key: string; tries: number; lastError: string | null; sentAt: number | null }>(
      sql`SELECT key, tries, last_error AS "lastError", sent_at AS "sentAt" FROM mail_outbox ORDER BY id`,
    ),
  );

describe('email', () => {
  it('a confirmation arrives naming the session on the campaign’s clock, the room, its address, the one-click cancel and the personal link; once', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    server = await start();
    const { sessionId } = await campaign(server.app);
    const anna = await signUp(server.app, sessionId, { name: 'Anna Andersson', email: 'anna@example.org' });
    const bookingId = anna.bookingId;

    expect(await server.app.sendQueuedMail()).toEqual({ sent: 1, failed: 0, dropped: 0 });
    expect(inbox.received).toHaveLength(1);
    const [mail] = inbox.received;
    expect(mail!.to).toBe('anna@example.org');
    expect(mail!.from).toMatch(/Ringstuga.*<ring@ringstuga\.test>/);
    expect(mail!.subject).toBe('Du är anmäld: ringstuga torsdag 10 december kl. 18:00–21:00');
    const personal = `${PUBLIC_URL}/me#token=${anna.token}`;
    for (const part of ['Hej Anna Andersson!', 'torsdag 10 december kl. 18:00–21:00', 'Lokal: Folkets hus', 'Adress: Storgatan 1, Umeå', personal, `${personal}&cancel=${bookingId}`]) {
      expect(mail!.text).toContain(part);
    }
    expect(mail!.html).toContain(`href="${personal}&amp;cancel=${bookingId}"`);
    expect(mail!.html).toContain('Storgatan 1, Umeå');
    // No tracking: no images, no link through anyone else's server.
    expect(mail!.html).not.toMatch(/<img|https?:\/\/(?!ringstuga\.test)/);

    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    expect(inbox.received).toHaveLength(1);
    expect(await outbox(server.app)).toEqual([{ key: `confirmation:booking:${bookingId}`, tries: 0, lastError: null, sentAt: clock.now }]);
  });

  it('writes in English to a volunteer whose languages put English first, and combines messages due together into one email', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    server = await start();
    const { roomId, sessionId } = await campaign(server.app);
    const later = await buildSession(server.app, { roomId, startsAt: STARTS + 24 * HOUR });
    const sam = await signUp(server.app, sessionId, { name: 'Sam', email: 'sam@example.org', languages: ['ar', 'en', 'sv'] });
    await buildBooking(server.app, { sessionId: later, volunteerId: sam.id, createdAt: clock.now, status: 'waitlisted' });

    expect(await server.app.sendQueuedMail()).toMatchObject({ sent: 1 });
    const [mail] = inbox.received;
    expect(mail!.subject).toBe('Your phone bank sessions');
    expect(mail!.text).toContain('Thursday 10 December, 18:00–21:00');
    expect(mail!.text).toContain('Friday 11 December, 18:00–21:00');
    expect(mail!.text).toContain('you are on the waiting list');
    expect(mail!.text.indexOf('Thursday')).toBeLessThan(mail!.text.indexOf('Friday'));
    expect((await outbox(server.app)).map((row) => row.sentAt)).toEqual([clock.now, clock.now]);
  });

  it('tells of a changed session with its new time and place (and reminds again for a new time), and of a cancelled one without a cancel link', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    server = await start();
    const { sessionId } = await campaign(server.app);
    const anna = await signUp(server.app, sessionId, { name: 'Anna', email: 'anna@example.org' });
    await server.app.sendQueuedMail();
    const moved = await buildRoom(server.app, { name: 'Biblioteket', address: 'Kungsgatan 2, Umeå' });
    // What the sessions' edit writes: the new time and place, a new revision, and its note queued in the same transaction.
    await server.app.store.write(async (q) => {
      await q.run(sql`UPDATE calling_sessions SET starts_at = starts_at + ${HOUR}, ends_at = ends_at + ${HOUR}, room_id = ${moved}, revision = 1 WHERE id = ${sessionId}`);
      await queueMail(q, { kind: 'changed', volunteerId: anna.id, bookingId: anna.bookingId, sessionId, key: `changed:1:booking:${anna.bookingId}` }, clock.now);
    });
    expect(await server.app.sendQueuedMail()).toMatchObject({ sent: 1 });
    const changed = inbox.received[1]!;
    expect(changed.subject).toBe('Ändrad tid eller plats: ringstuga torsdag 10 december kl. 19:00–22:00');
    expect(changed.text).toContain('Lokal: Biblioteket\nAdress: Kungsgatan 2, Umeå');
    expect(changed.text).toContain(`&cancel=${anna.bookingId}`);

    // The 24-hour reminder went out for the old time; the session then moves a day later: it goes again.
    clock.now = STARTS - 23 * HOUR;
    expect(await server.app.sweepReminders()).toBe(1);
    await server.app.sendQueuedMail();
    await server.app.store.write(async (q) => {
      await q.run(sql`UPDATE calling_sessions SET starts_at = starts_at + ${24 * HOUR}, ends_at = ends_at + ${24 * HOUR}, revision = 2 WHERE id = ${sessionId}`);
      await queueMail(q, { kind: 'changed', volunteerId: anna.id, bookingId: anna.bookingId, sessionId, key: `changed:2:booking:${anna.bookingId}` }, clock.now);
    });
    expect(await server.app.sendQueuedMail()).toMatchObject({ sent: 1 });
    expect(await server.app.sweepReminders()).toBe(0);
    clock.now = STARTS + HOUR;
    expect(await server.app.sweepReminders()).toBe(1);
    expect(await server.app.sendQueuedMail()).toMatchObject({ sent: 1 });
    expect(inbox.received.map((mail) => mail.subject.split(':')[0])).toEqual(['Du är anmäld', 'Ändrad tid eller plats', 'Påminnelse', 'Ändrad tid eller plats', 'Påminnelse']);
    expect(inbox.received[4]!.subject).toContain('fredag 11 december kl. 19:00–22:00');

    await server.app.store.write(async (q) => {
      await q.run(sql`UPDATE calling_sessions SET cancelled_at = ${clock.now} WHERE id = ${sessionId}`);
      await queueMail(q, { kind: 'cancelled', volunteerId: anna.id, bookingId: anna.bookingId, sessionId, key: `cancelled:booking:${anna.bookingId}` }, clock.now);
    });
    clock.now = STARTS + 2 * HOUR;
    expect(await server.app.sweepReminders()).toBe(0);
    expect(await server.app.sendQueuedMail()).toMatchObject({ sent: 1 });
    const cancelled = inbox.received[5]!;
    expect(cancelled.subject).toBe('Inställd: ringstuga fredag 11 december kl. 19:00–22:00');
    expect(cancelled.text).not.toContain('&cancel=');
    expect(cancelled.text).toContain(`${PUBLIC_URL}/me#token=${anna.token}`);
  });

  it('sends each reminder once, at its moment, across a restart; a booking made after a reminder’s moment gets only those still ahead', async () => {
    clock.now = STARTS - 30 * HOUR;
    inbox = await startSmtpInbox();
    const databasePath = onFile();
    server = await start({ databasePath });
    const { sessionId } = await campaign(server.app);
    const early = await signUp(server.app, sessionId, { name: 'Tidig', email: 'early@example.org' });
    const earlyBooking = early.bookingId;
    const cancelled = await signUp(server.app, sessionId, { name: 'Avbokad', email: 'gone@example.org' });
    const cancelledBooking = cancelled.bookingId;
    const sweepAndSend = async () => ({ queued: await server!.app.sweepReminders(), ...(await server!.app.sendQueuedMail()) });

    expect(await sweepAndSend()).toEqual({ queued: 0, sent: 2, failed: 0, dropped: 0 });
    await server.app.store.write((q) => q.run(sql`UPDATE bookings SET status = 'cancelled' WHERE id = ${cancelledBooking}`));

    clock.now = STARTS - 23 * HOUR;
    expect(await sweepAndSend()).toEqual({ queued: 1, sent: 1, failed: 0, dropped: 0 });
    expect(await sweepAndSend()).toEqual({ queued: 0, sent: 0, failed: 0, dropped: 0 });

    clock.now = STARTS - 3 * HOUR;
    const late = await signUp(server.app, sessionId, { name: 'Sen', email: 'late@example.org' });
    const lateBooking = late.bookingId;
    expect(await sweepAndSend()).toEqual({ queued: 0, sent: 1, failed: 0, dropped: 0 });

    clock.now = STARTS - 90 * 60_000;
    expect(await sweepAndSend()).toEqual({ queued: 2, sent: 2, failed: 0, dropped: 0 });

    // A new server on the same file: what was sent stays sent.
    await server.close();
    server = await start({ databasePath });
    expect(await sweepAndSend()).toEqual({ queued: 0, sent: 0, failed: 0, dropped: 0 });
    clock.now = STARTS - 60_000;
    expect(await sweepAndSend()).toEqual({ queued: 0, sent: 0, failed: 0, dropped: 0 });

    const reminders = inbox.received.filter((mail) => mail.subject.startsWith('Påminnelse'));
    expect(reminders.map((mail) => mail.to).sort()).toEqual(['early@example.org', 'early@example.org', 'late@example.org']);
    expect(reminders[0]!.text).toContain(`&cancel=${earlyBooking}`);
    expect((await outbox(server.app)).map((row) => row.key).filter((key) => key.startsWith('reminder'))).toEqual([
      `reminder:24:booking:${earlyBooking}`,
      `reminder:2:booking:${earlyBooking}`,
      `reminder:2:booking:${lateBooking}`,
    ]);
    expect(inbox.received.filter((mail) => mail.to === 'gone@example.org')).toHaveLength(1);
  });

  it('retries after the SMTP server refuses or is down, keeping an error without personal data, and delivers once it is back', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    server = await start();
    const { sessionId } = await campaign(server.app);
    await signUp(server.app, sessionId, { name: 'Anna Andersson', email: 'anna@example.org' });

    inbox.refuse = true;
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 1, dropped: 0 });
    expect(inbox.refusals).toBe(1);
    const [refused] = await outbox(server.app);
    expect(refused).toMatchObject({ tries: 1, sentAt: null });
    expect(refused!.lastError).toMatch(/451/);
    expect(refused!.lastError).not.toMatch(/anna|example|Andersson/i);

    inbox.refuse = false;
    clock.now += retryDelayMs(1) - 1000;
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    clock.now += 1000;
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 1, failed: 0, dropped: 0 });
    expect(inbox.received).toHaveLength(1);

    await inbox.stop();
    await signUp(server.app, sessionId, { name: 'Bo', email: 'bo@example.org' });
    await signUp(server.app, sessionId, { name: 'Cleo', email: 'cleo@example.org' });
    // The first fails to connect; the second is not tried against a server that is down, nor charged a try.
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 1, dropped: 0 });
    const [, down, waiting] = await outbox(server.app);
    expect(down).toMatchObject({ tries: 1, sentAt: null });
    expect(down!.lastError).not.toContain(SMTP_PASSWORD);
    expect(waiting).toMatchObject({ tries: 0, sentAt: null, lastError: null });
    await inbox.start();
    clock.now += retryDelayMs(1);
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 2, failed: 0, dropped: 0 });
    expect(inbox.received.map((mail) => mail.to).sort()).toEqual(['anna@example.org', 'bo@example.org', 'cleo@example.org']);
    // The failures were logged, by kind only: no address, name, token, nor the SMTP URL's password.
    const log = logLines.join('');
    expect(log).toMatch(/email not sent; will try again/);
    expect(log).not.toMatch(new RegExp(`example\\.org|Andersson|${SMTP_PASSWORD}|token=`));
  });

  it('never resends a message the last run was handing to SMTP when it stopped: it is marked interrupted', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    const databasePath = onFile();
    server = await start({ databasePath });
    const { sessionId } = await campaign(server.app);
    await signUp(server.app, sessionId, { name: 'Anna', email: 'anna@example.org' });
    // What a crash during the SMTP conversation leaves: claimed, never marked delivered.
    await server.app.store.write((q) => q.run(sql`UPDATE mail_outbox SET sent_at = ${clock.now}, last_error = 'sending'`));
    await server.close();

    server = await start({ databasePath });
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    expect(inbox.received).toEqual([]);
    expect((await outbox(server.app))[0]!.lastError).toMatch(/interrupted/);
  });

  it('a message SMTP is taking when the server closes is marked delivered before the database closes', async () => {
    clock.now = STARTS - 48 * HOUR;
    inbox = await startSmtpInbox();
    const databasePath = onFile();
    server = await start({ databasePath });
    const { sessionId } = await campaign(server.app);
    await signUp(server.app, sessionId, { name: 'Anna', email: 'anna@example.org' });
    const hold = inbox.holdNext();
    const sending = server.app.sendQueuedMail();
    await hold.arrived;
    // Closing while SMTP has the message and has not answered yet.
    const closing = server.close();
    hold.release();
    await closing;
    await expect(sending).resolves.toEqual({ sent: 1, failed: 0, dropped: 0 });

    server = await start({ databasePath });
    expect((await outbox(server.app))[0]).toMatchObject({ lastError: null });
    expect(inbox.received).toHaveLength(1);
  });

  it('without SMTP_URL sends nothing and queues no reminders, and sign-ups still work', async () => {
    clock.now = STARTS - 23 * HOUR;
    inbox = await startSmtpInbox();
    server = await start({ smtp: false });
    const { sessionId } = await campaign(server.app);
    const anna = await buildVolunteer(server.app, { name: 'Anna', email: 'anna@example.org', createdAt: clock.now - 48 * HOUR });
    await buildBooking(server.app, { sessionId, volunteerId: anna.id, createdAt: clock.now - 48 * HOUR });
    expect(await server.app.sweepReminders()).toBe(0);
    expect(await server.app.sendQueuedMail()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    expect(await outbox(server.app)).toEqual([{ key: expect.stringMatching(/^confirmation:/), tries: 0, lastError: null, sentAt: null }]);
    expect(inbox.received).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

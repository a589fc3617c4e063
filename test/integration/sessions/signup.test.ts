import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { rows, single } from '../../helpers/store-values.ts';
import { expectRefusal, expectStatus, HOUR, makeSession, outbox, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom();
});
afterAll(async () => {
  await room?.campaign.close();
});

interface Me {
  name: string;
  bookings: { id: number; sessionId: number; startsAt: string; status: string; sessionCancelled: boolean }[];
}

describe('signing up without an account', () => {
  it('never books more places than the capacity when 50 sign up at once for 10', async () => {
    const session = await makeSession(room, { capacity: 10, hoursAhead: 10 });
    const token = await signupLink(room);
    const answers = await Promise.all(Array.from({ length: 50 }, () => expectStatus<SignupAnswer>(signUp(room, token, [session.id]), 201)));
    const statuses = answers.map((answer) => answer.bookings[0]!.status);
    expect(statuses.filter((status) => status === 'booked')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(40);
    const { sessions } = await expectStatus<{ sessions: { id: number; booked: number; waitlisted: number }[] }>(api(room.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN), 200);
    expect(sessions.find((listed) => listed.id === session.id)).toMatchObject({ booked: 10, waitlisted: 40 });
    // One confirmation per booking, and nothing else.
    const confirmations = (await outbox(room)).filter((mail) => mail.kind === 'confirmation');
    expect(new Set(confirmations.map((mail) => mail.key))).toEqual(new Set(answers.map((answer) => `confirmation:booking:${answer.bookings[0]!.id}`)));
  });

  it('lists the upcoming sessions of its room with the free places, and answers a personal link', async () => {
    const session = await makeSession(room, { roomId: room.room2, capacity: 2, hoursAhead: 30 });
    await makeSession(room, { capacity: 2, hoursAhead: 31 });
    const token = await signupLink(room, room.room2);
    const offer = await expectStatus<{ sessions: { id: number; free: number; room: string }[]; associations: { id: number }[] }>(
      api(room.url, 'GET', '/api/signup/sessions', token),
      200,
    );
    expect(offer.sessions.map((listed) => [listed.id, listed.free, listed.room])).toEqual([[session.id, 2, 'Rum 2']]);
    expect(offer.associations.map((association) => association.id).sort()).toEqual(Object.values(room.associations).sort());
    const answer = await expectStatus<SignupAnswer>(signUp(room, token, [session.id], { phone: '070-123 45 67' }), 201);
    expect(answer.url).toBe(`${room.url}/me#token=${answer.token}`);
    const me = await expectStatus<Me>(api(room.url, 'GET', '/api/me', answer.token), 200);
    expect(me.bookings.map((booking) => [booking.sessionId, booking.status])).toEqual([[session.id, 'booked']]);
    // No email, no mail.
    expect((await outbox(room)).some((mail) => mail.booking_id === answer.bookings[0]!.id)).toBe(false);
    // Another room's session is not this link's to book.
    const other = await makeSession(room, { capacity: 2, hoursAhead: 40 });
    await expectStatus(signUp(room, token, [other.id]), 404);
  });

  it('is idempotent: the same sign-up twice gives the same person and bookings', async () => {
    const session = await makeSession(room, { capacity: 3, hoursAhead: 50 });
    const token = await signupLink(room);
    const person = { name: 'Åsa Öberg', email: 'asa@example.org' };
    const first = await expectStatus<SignupAnswer>(signUp(room, token, [session.id], person), 201);
    const again = await expectStatus<SignupAnswer>(signUp(room, token, [session.id], { ...person, email: 'ASA@example.org' }), 201);
    expect(again.token).toBe(first.token);
    expect(again.bookings).toEqual(first.bookings);
    const count = () => single(room.campaign.app.store, sql`SELECT count(*) AS n FROM volunteers WHERE email = 'asa@example.org'`);
    expect(await count()).toBe(1);
    // Only the whole sign-up matches: the same email with a phone added is someone (or something) else.
    const other = await expectStatus<SignupAnswer>(signUp(room, token, [session.id], { ...person, phone: '0701234567' }), 201);
    expect(other.token).not.toBe(first.token);
    expect(await count()).toBe(2);
  });

  it('refuses a sign-up without consent, without email and phone, or with an invalid number', async () => {
    const session = await makeSession(room, { capacity: 3, hoursAhead: 60 });
    const token = await signupLink(room);
    const base = { sessionIds: [session.id], name: 'Kim', associationId: room.associations.A };
    await expectStatus(api(room.url, 'POST', '/api/signup/bookings', token, { ...base, email: 'kim@example.org' }), 400);
    await expectStatus(api(room.url, 'POST', '/api/signup/bookings', token, { ...base, consent: true }), 400);
    await expectStatus(api(room.url, 'POST', '/api/signup/bookings', token, { ...base, consent: true, email: 'not an email' }), 400);
    await expectStatus(api(room.url, 'POST', '/api/signup/bookings', token, { ...base, consent: true, phone: '12' }), 400);
  });

  it('refuses a revoked sign-up link (401), and a leader link revoked revokes the sign-up links it made', async () => {
    const token = await signupLink(room);
    const { links } = await expectStatus<{ links: { id: number; revoked: boolean }[] }>(api(room.url, 'GET', '/api/signup-links', ADMIN_TOKEN), 200);
    await expectStatus(api(room.url, 'DELETE', `/api/signup-links/${links.at(-1)!.id}`, ADMIN_TOKEN), 204);
    await expectStatus(api(room.url, 'GET', '/api/signup/sessions', token), 401);
    // A leader's link is for their own room, never another's.
    const leaderLink = await expectStatus<{ token: string }>(api(room.url, 'POST', '/api/leader-links', ADMIN_TOKEN, { roomId: 1, label: 'tillfällig' }), 201);
    await expectStatus(api(room.url, 'POST', '/api/signup-links', leaderLink.token, { roomId: room.room2 }), 403);
    const made = await expectStatus<{ token: string }>(api(room.url, 'POST', '/api/signup-links', leaderLink.token, {}), 201);
    await expectStatus(api(room.url, 'GET', '/api/signup/sessions', made.token), 200);
    const access = await expectStatus<{ links: { id: number; label: string | null }[] }>(api(room.url, 'GET', '/api/access-links', ADMIN_TOKEN), 200);
    await expectStatus(api(room.url, 'DELETE', `/api/access-links/${access.links.find((link) => link.label === 'tillfällig')!.id}`, ADMIN_TOKEN), 204);
    await expectStatus(api(room.url, 'GET', '/api/signup/sessions', made.token), 401);
  });
});

describe('the personal page', () => {
  it('moves the first one waiting up when a booked person cancels, and queues each mail once', async () => {
    const session = await makeSession(room, { capacity: 1, hoursAhead: 70 });
    const token = await signupLink(room);
    // One after another, so booking ids follow the order.
    const first = await expectStatus<SignupAnswer>(signUp(room, token, [session.id]), 201);
    const second = await expectStatus<SignupAnswer>(signUp(room, token, [session.id]), 201);
    const third = await expectStatus<SignupAnswer>(signUp(room, token, [session.id]), 201);
    const byStatus = (answer: SignupAnswer) => answer.bookings[0]!.status;
    expect([first, second, third].map(byStatus)).toEqual(['booked', 'waitlisted', 'waitlisted']);
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${first.bookings[0]!.id}`, first.token), 200);
    // Booking ids order the waiting list: the second one moves up, the third still waits.
    const [me2, me3] = await Promise.all([second, third].map((answer) => expectStatus<Me>(api(room.url, 'GET', '/api/me', answer.token), 200)));
    expect([me2!.bookings[0]!.status, me3!.bookings[0]!.status]).toEqual(['booked', 'waitlisted']);
    // Cancelling again (a retried request) answers as the first time, changes nothing and queues nothing more.
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${first.bookings[0]!.id}`, first.token), 200);
    const again = await Promise.all([second, third].map((answer) => expectStatus<Me>(api(room.url, 'GET', '/api/me', answer.token), 200)));
    expect(again.map((me) => me.bookings[0]!.status)).toEqual(['booked', 'waitlisted']);
    // Someone else's booking is still not theirs to cancel.
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${second.bookings[0]!.id}`, first.token), 404);
    const promoted = (await outbox(room)).filter((mail) => mail.kind === 'promoted');
    expect(promoted.map((mail) => mail.key)).toEqual([`promoted:booking:${second.bookings[0]!.id}`]);
  });

  it('shows a moved session at its new time and a cancelled one as cancelled, with one mail per booking and change', async () => {
    const moved = await makeSession(room, { capacity: 2, hoursAhead: 80 });
    const dropped = await makeSession(room, { capacity: 2, hoursAhead: 90 });
    const token = await signupLink(room);
    const answer = await expectStatus<SignupAnswer>(signUp(room, token, [moved.id, dropped.id]), 201);
    const newStart = new Date(Date.parse(moved.startsAt) + 3_600_000).toISOString();
    const newEnd = new Date(Date.parse(moved.endsAt) + 3_600_000).toISOString();
    await expectStatus(api(room.url, 'PATCH', `/api/sessions/${moved.id}`, ADMIN_TOKEN, { startsAt: newStart, endsAt: newEnd }), 200);
    await expectStatus(api(room.url, 'PATCH', `/api/sessions/${moved.id}`, ADMIN_TOKEN, { capacity: 2 }), 200);
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${dropped.id}`, ADMIN_TOKEN), 204);
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${dropped.id}`, ADMIN_TOKEN), 204);
    const me = await expectStatus<Me>(api(room.url, 'GET', '/api/me', answer.token), 200);
    expect(me.bookings.map((booking) => [booking.sessionId, booking.startsAt, booking.status, booking.sessionCancelled])).toEqual([
      [moved.id, newStart, 'booked', false],
      [dropped.id, dropped.startsAt, 'cancelled', true],
    ]);
    const [movedBooking, droppedBooking] = answer.bookings.map((booking) => booking.id);
    const mine = (await outbox(room)).filter((mail) => mail.booking_id === movedBooking || mail.booking_id === droppedBooking);
    expect(mine.map((mail) => mail.key)).toEqual([
      `confirmation:booking:${movedBooking}`,
      `confirmation:booking:${droppedBooking}`,
      `changed:1:booking:${movedBooking}`,
      `cancelled:booking:${droppedBooking}`,
    ]);
  });

  it('books more sessions from the personal page, and erasing my details voids the link and frees my places', async () => {
    const later = await makeSession(room, { capacity: 1, hoursAhead: 100 });
    const token = await signupLink(room);
    const answer = await expectStatus<SignupAnswer>(signUp(room, token, [later.id]), 201);
    const extra = await makeSession(room, { capacity: 1, hoursAhead: 110 });
    const more = await expectStatus<{ bookings: { sessionId: number; status: string }[] }>(api(room.url, 'POST', '/api/me/bookings', answer.token, { sessionIds: [extra.id] }), 201);
    expect(more.bookings).toMatchObject([{ sessionId: extra.id, status: 'booked' }]);
    const waiting = await expectStatus<SignupAnswer>(signUp(room, token, [extra.id]), 201);
    expect(waiting.bookings[0]!.status).toBe('waitlisted');
    await expectStatus(api(room.url, 'DELETE', '/api/me', answer.token), 200);
    await expectStatus(api(room.url, 'GET', '/api/me', answer.token), 401);
    const row = await rows(room.campaign.app.store, sql`SELECT name, email, phone, erased_at FROM volunteers WHERE email IS NULL AND erased_at IS NOT NULL`);
    expect(row).toHaveLength(1);
    const after = await expectStatus<Me>(api(room.url, 'GET', '/api/me', waiting.token), 200);
    expect(after.bookings[0]!.status).toBe('booked');
  });

  // Moves the room's clock past sessions the tests above made: keep it last.
  it('refuses to cancel a booking once its session has started, with the reason the personal page says in its language', async () => {
    const soon = await makeSession(room, { capacity: 1, hoursAhead: 1 });
    const answer = await expectStatus<SignupAnswer>(signUp(room, await signupLink(room), [soon.id]), 201);
    room.clock.advance(2 * HOUR);
    await expectRefusal(api(room.url, 'DELETE', `/api/me/bookings/${answer.bookings[0]!.id}`, answer.token), 409, { reason: 'session_started' });
  });
});

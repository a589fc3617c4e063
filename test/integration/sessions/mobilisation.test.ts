import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zMobilisation, zReturningVolunteers, type Mobilisation } from '@ringstuga/shared';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute, single } from '../../helpers/store-values.ts';
import { connect } from '../../helpers/socket-connect.ts';
import { stationSocket } from '../../helpers/station-client.ts';
import { HOUR, START, expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

let room: FillRoom;
let link: string;
beforeAll(async () => {
  room = await startFillRoom({ stations: 6 });
  link = await signupLink(room);
});
afterAll(async () => {
  await room?.campaign.close();
});

const planning = async (token: string, query = '') => bodyOf(await api(room.url, 'GET', `/api/mobilisation${query}`, token), 200, zMobilisation);
const sessionIn = (view: Mobilisation, id: number) => view.sessions.find((session) => session.id === id);
const associationIn = (view: Mobilisation, id: number) => view.associations.find((association) => association.id === id);

async function book(sessionId: number, name: string, associationId = room.associations.A, through = link): Promise<SignupAnswer> {
  const body = { sessionIds: [sessionId], name, associationId, email: `${name.toLowerCase()}@example.org`, consent: true };
  return expectStatus<SignupAnswer>(api(room.url, 'POST', '/api/signup/bookings', through, body), 201);
}
const volunteerOf = async (bookingId: number) => (await single(room.campaign.app.store, sql`SELECT volunteer_id AS id FROM bookings WHERE id = ${bookingId}`)) as number;

describe('the planning view after sign-ups, check-ins and the no-show sweep', () => {
  // Starts in 20 minutes (check-in open), four places.
  let tonight: { id: number };
  let tomorrow: { id: number };
  let names: Record<string, SignupAnswer>;
  beforeAll(async () => {
    tonight = await makeSession(room, { hoursAhead: 1 / 3, capacity: 4 });
    tomorrow = await makeSession(room, { hoursAhead: 24, capacity: 4 });
    names = {};
    for (const name of ['Anna', 'Bo', 'Cecilia']) names[name] = await book(tonight.id, name);
    names.Doris = await book(tonight.id, 'Doris', room.associations.B);
    // Full: the fifth waits.
    names.Erik = await book(tonight.id, 'Erik');
    expect(names.Erik.bookings[0]!.status).toBe('waitlisted');
  });

  it('counts booked, waiting and teams (places and taken, no captain) before the session', async () => {
    const team = await expectStatus<{ token: string; team: { id: number } }>(
      api(room.url, 'POST', `/api/associations/${room.associations.B}/teams`, room.associationB, { sessionId: tomorrow.id, places: 3, captain: 'Kapten Karin' }),
      201,
    );
    await book(tomorrow.id, 'Lagmedlem', room.associations.B, team.token);

    const view = await planning(ADMIN_TOKEN);
    expect(sessionIn(view, tonight.id)).toMatchObject({ roomId: 1, capacity: 4, booked: 4, waitlisted: 1, attended: 0, noShows: 0, teams: [], hours: 0, attempts: 0 });
    const withTeam = sessionIn(view, tomorrow.id)!;
    expect(withTeam).toMatchObject({ booked: 1, waitlisted: 0 });
    expect(withTeam.teams).toEqual([{ id: team.team.id, associationId: room.associations.B, association: expect.any(String), places: 3, taken: 1 }]);
    expect(JSON.stringify(view)).not.toContain('Kapten Karin');
    expect(JSON.stringify(view)).not.toContain('Anna');
  });

  it('counts attended, no-shows, the hours and attempts of those who came once the session ended, and per association', async () => {
    const station = await connect(stationSocket(room.url, room.campaign.stations[0]!.token));
    const second = await connect(stationSocket(room.url, room.campaign.stations[1]!.token));
    expect((await station.emitWithAck('station:checkin', { bookingId: names.Anna!.bookings[0]!.id })).ok).toBe(true);
    expect((await second.emitWithAck('station:checkin', { bookingId: names.Doris!.bookings[0]!.id })).ok).toBe(true);
    // Half an hour at the station, then one attempt.
    room.clock.advance(HOUR / 2);
    const next = await station.emitWithAck('contact:next');
    if (!next.ok || !next.assignment) throw new Error(`no contact: ${JSON.stringify(next)}`);
    expect(await station.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome: 'no_answer' })).toEqual({ ok: true });
    station.close();
    second.close();

    const running = sessionIn(await planning(ADMIN_TOKEN), tonight.id)!;
    expect(running).toMatchObject({ attended: 2, noShows: 0, hours: 0, attempts: 0 });

    room.clock.advance(2 * HOUR);
    await room.campaign.app.sweepSessionEnds();
    const view = await planning(ADMIN_TOKEN);
    // Anna's half hour and one attempt; Doris's shift has nothing after its check-in.
    expect(sessionIn(view, tonight.id)).toMatchObject({ booked: 4, waitlisted: 1, attended: 2, noShows: 2, hours: 0.5, attempts: 1, warning: false });
    expect(associationIn(view, room.associations.A)).toMatchObject({ booked: 3, attended: 1, noShows: 2, noShowRate: 0.67, pledged: 0 });
    // B: Doris came, and the team member is booked tomorrow.
    expect(associationIn(view, room.associations.B)).toMatchObject({ booked: 2, attended: 1, noShows: 0, noShowRate: 0 });
  });

  it("adds the shifts of an association's pledges still open in the range", async () => {
    const pledge = (by: string, shifts: number) =>
      expectStatus(api(room.url, 'POST', '/api/pledges', ADMIN_TOKEN, { name: 'Kandidat', associationId: room.associations.B, shifts, by }), 201);
    await pledge('2026-10-20', 3);
    await pledge('2026-11-30', 2);
    // Made in August, for a date that passed before the range starts (one cannot be made now).
    await execute(
      room.campaign.app.store,
      sql`INSERT INTO pledges (association_id, name, shifts, by, created_by, created_at) VALUES (${room.associations.B}, 'Kandidat', 7, '2026-09-15', 'admin', ${Date.UTC(2026, 7, 20)})`,
    );
    const view = await planning(ADMIN_TOKEN, '?from=2026-10-01');
    expect(associationIn(view, room.associations.B)?.pledged).toBe(5);
    // A range starting after the first deadline leaves it out.
    expect(associationIn(await planning(ADMIN_TOKEN, '?from=2026-10-21'), room.associations.B)?.pledged).toBe(2);
  });

  it('lists the association\'s volunteers who came and have booked nothing in the last N weeks, and only its own', async () => {
    const returning = async (associationId: number, token: string, weeks?: number) =>
      bodyOf(await api(room.url, 'GET', `/api/associations/${associationId}/returning-volunteers${weeks ? `?weeks=${weeks}` : ''}`, token), 200, zReturningVolunteers);
    // Anna came at START; a fortnight on, she is due a call at one week, not at the default four.
    room.clock.advance(2 * WEEK);
    expect((await returning(room.associations.A, room.associationA)).volunteers).toEqual([]);
    const anna = await volunteerOf(names.Anna!.bookings[0]!.id);
    expect((await returning(room.associations.A, room.associationA, 1)).volunteers).toEqual([
      { id: anna, name: 'Anna', email: 'anna@example.org', phone: null, attended: 1, lastSessionAt: new Date(START + HOUR / 3).toISOString() },
    ]);
    // Each read is audited as a count, naming no one.
    expect((await auditEntries(room.campaign.app)).at(-1)).toMatchObject({
      actor: `association:${room.associations.A}`,
      action: 'view',
      target: `association:${room.associations.A}`,
      detail: { view: 'returning_volunteers', weeks: 1, volunteers: 1 },
    });
    // Bo and Cecilia never came; Doris is B's.
    const forB = (await returning(room.associations.B, room.associationB, 1)).volunteers;
    expect(forB.map((volunteer) => volunteer.name)).toEqual(['Doris']);
    // Another association's token learns nothing of A's people.
    await expectStatus(api(room.url, 'GET', `/api/associations/${room.associations.A}/returning-volunteers?weeks=1`, room.associationB), 404);
    await expectStatus(api(room.url, 'GET', `/api/associations/${room.associations.A}/returning-volunteers`, room.leader1), 403);
    await expectStatus(api(room.url, 'GET', `/api/associations/${room.associations.A}/returning-volunteers?weeks=53`, room.associationA), 400);
    // The admin sees the same; a booking ahead takes Anna off the list.
    expect((await returning(room.associations.A, ADMIN_TOKEN, 1)).volunteers.map((volunteer) => volunteer.id)).toEqual([anna]);
    const ahead = await makeSession(room, { hoursAhead: 48 });
    await expectStatus(api(room.url, 'POST', '/api/me/bookings', names.Anna!.token, { sessionIds: [ahead.id] }), 201);
    expect((await returning(room.associations.A, room.associationA, 1)).volunteers).toEqual([]);
  });

  it('leaves erased volunteers off the returning list', async () => {
    const doris = await volunteerOf(names.Doris!.bookings[0]!.id);
    await expectStatus(api(room.url, 'DELETE', `/api/volunteers/${doris}`, ADMIN_TOKEN), 200);
    const { volunteers } = await bodyOf(
      await api(room.url, 'GET', `/api/associations/${room.associations.B}/returning-volunteers?weeks=1`, room.associationB),
      200,
      zReturningVolunteers,
    );
    expect(volunteers).toEqual([]);
  });
});

describe('a volunteer who stays on into their next session', () => {
  it("counts their shift's hours and attempts once, for the first session they checked in", async () => {
    const first = await makeSession(room, { hoursAhead: 1 / 3 });
    const second = await makeSession(room, { hoursAhead: 1 / 3 + 2 });
    const body = { sessionIds: [first.id, second.id], name: 'Gunnar', associationId: room.associations.A, email: 'gunnar@example.org', consent: true };
    const gunnar = await expectStatus<SignupAnswer>(api(room.url, 'POST', '/api/signup/bookings', link, body), 201);
    const station = await connect(stationSocket(room.url, room.campaign.stations[2]!.token));
    const checkedIn = await station.emitWithAck('station:checkin', { bookingId: gunnar.bookings[0]!.id });
    if (!checkedIn.ok) throw new Error(checkedIn.error.message);
    // Two hours on, one attempt, then the second session's check-in (open 30 minutes before it) keeps the shift.
    room.clock.advance(2 * HOUR);
    const next = await station.emitWithAck('contact:next');
    if (!next.ok || !next.assignment) throw new Error(`no contact: ${JSON.stringify(next)}`);
    expect(await station.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome: 'no_answer' })).toEqual({ ok: true });
    const again = await station.emitWithAck('station:checkin', { bookingId: gunnar.bookings[1]!.id });
    expect(again.ok && again.shift.id).toBe(checkedIn.shift.id);
    station.close();

    room.clock.advance(3 * HOUR);
    await room.campaign.app.sweepSessionEnds();
    const view = await planning(ADMIN_TOKEN);
    expect(sessionIn(view, first.id)).toMatchObject({ attended: 1, hours: 2, attempts: 1 });
    expect(sessionIn(view, second.id)).toMatchObject({ attended: 1, hours: 0, attempts: 0 });
  });
});

describe('a volunteer who moves seats during a session', () => {
  it('counts the hours and attempts of both their shifts for it', async () => {
    const session = await makeSession(room, { hoursAhead: 1 / 3 });
    const hanna = await book(session.id, 'Hanna');
    const [first, second] = await Promise.all([3, 4].map((n) => connect(stationSocket(room.url, room.campaign.stations[n]!.token))));
    const there = await first!.emitWithAck('station:checkin', { bookingId: hanna.bookings[0]!.id });
    if (!there.ok) throw new Error(there.error.message);
    // An hour at the first station, then she moves (checked out there), and makes one attempt half an hour on.
    room.clock.advance(HOUR);
    const here = await second!.emitWithAck('station:checkin', { bookingId: hanna.bookings[0]!.id });
    if (!here.ok) throw new Error(here.error.message);
    expect(here.shift.id).not.toBe(there.shift.id);
    room.clock.advance(HOUR / 2);
    const next = await second!.emitWithAck('contact:next');
    if (!next.ok || !next.assignment) throw new Error(`no contact: ${JSON.stringify(next)}`);
    expect(await second!.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome: 'no_answer' })).toEqual({ ok: true });
    first!.close();
    second!.close();

    room.clock.advance(3 * HOUR);
    await room.campaign.app.sweepSessionEnds();
    expect(sessionIn(await planning(ADMIN_TOKEN, '?from=2026-10-01'), session.id)).toMatchObject({ attended: 1, hours: 1.5, attempts: 1 });
  });
});

describe('who sees which room, and the range asked', () => {
  it('gives a leader their own room only: another room answers 404', async () => {
    const here = await makeSession(room, { roomId: room.room2, hoursAhead: 5 });
    const mine = await planning(room.leader2);
    expect(mine.sessions.map((session) => session.roomId)).toEqual(mine.sessions.map(() => room.room2));
    expect(sessionIn(mine, here.id)).toMatchObject({ room: 'Rum 2' });
    expect((await planning(room.leader2, `?roomId=${room.room2}`)).sessions.map((session) => session.id)).toContain(here.id);
    await expectStatus(api(room.url, 'GET', '/api/mobilisation?roomId=1', room.leader2), 404);
    await expectStatus(api(room.url, 'GET', `/api/mobilisation?roomId=${room.room2}`, room.leader1), 404);
    expect(sessionIn(await planning(room.leader1), here.id)).toBeUndefined();
    // The admin sees every room, or the one asked for.
    const all = await planning(ADMIN_TOKEN);
    expect(new Set(all.sessions.map((session) => session.roomId))).toEqual(new Set([1, room.room2]));
    expect(new Set((await planning(ADMIN_TOKEN, `?roomId=${room.room2}`)).sessions.map((session) => session.roomId))).toEqual(new Set([room.room2]));
    await expectStatus(api(room.url, 'GET', '/api/mobilisation?roomId=999', ADMIN_TOKEN), 404);
  });

  it('defaults to four weeks from the start of today, and refuses a range backwards or over a year', async () => {
    const view = await planning(ADMIN_TOKEN);
    const today = new Date(view.from);
    // Midnight in Stockholm, today and four weeks on: the clock is in mid-October, so summer time
    // (25 October) ends in between and the four weeks are an hour longer.
    expect(today.getTime()).toBeLessThanOrEqual(room.clock.now());
    expect(room.clock.now() - today.getTime()).toBeLessThan(DAY);
    expect(view.from.slice(11, 16)).toBe('22:00');
    expect(view.to.slice(11, 16)).toBe('23:00');
    expect(Date.parse(view.to) - Date.parse(view.from)).toBe(4 * WEEK + HOUR);
    await expectStatus(api(room.url, 'GET', '/api/mobilisation?from=2026-11-02&to=2026-11-01', ADMIN_TOKEN), 400);
    await expectStatus(api(room.url, 'GET', '/api/mobilisation?from=2026-11-01&to=2027-11-02', ADMIN_TOKEN), 400);
    await expectStatus(api(room.url, 'GET', '/api/mobilisation?from=yesterday', ADMIN_TOKEN), 400);
    // A local date as `to` includes that whole day.
    const oneDay = await planning(ADMIN_TOKEN, '?from=2026-11-01&to=2026-11-01');
    expect([oneDay.from, oneDay.to]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  });
});

describe('the early warning, at both configured thresholds', () => {
  let own: FillRoom;
  beforeAll(async () => {
    own = await startFillRoom({ stations: 4, env: { MOBILISATION_WARNING_DAYS: '3', MOBILISATION_WARNING_PERCENT: '75' } });
  });
  afterAll(async () => {
    await own?.campaign.close();
  });

  it('warns of a session starting within the days with fewer booked than the percent of capacity, until it fills or starts', async () => {
    const session = await makeSession(own, { hoursAhead: 3 * 24 + 1, capacity: 4 });
    const ownLink = await signupLink(own);
    const warning = async () =>
      sessionIn(await bodyOf(await api(own.url, 'GET', '/api/mobilisation', ADMIN_TOKEN), 200, zMobilisation), session.id)!.warning;
    // Three days and an hour ahead: not yet.
    expect(await warning()).toBe(false);
    own.clock.advance(2 * HOUR);
    expect(await warning()).toBe(true);
    // 75 % of 4 is 3: two booked still warn, three do not.
    for (let n = 0; n < 2; n += 1) await expectStatus(signUp(own, ownLink, [session.id]), 201);
    expect(await warning()).toBe(true);
    await expectStatus(signUp(own, ownLink, [session.id]), 201);
    expect(await warning()).toBe(false);
    // Under the share again, but once started it is the room board's business.
    const another = await makeSession(own, { hoursAhead: 1, capacity: 4 });
    const anotherWarns = async () => sessionIn(await bodyOf(await api(own.url, 'GET', '/api/mobilisation', ADMIN_TOKEN), 200, zMobilisation), another.id)!.warning;
    expect(await anotherWarns()).toBe(true);
    own.clock.advance(HOUR + 1);
    expect(await anotherWarns()).toBe(false);
  });
});

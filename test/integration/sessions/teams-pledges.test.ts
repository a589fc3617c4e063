import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute } from '../../helpers/store-values.ts';
import { expectRefusal, expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom();
});
afterAll(async () => {
  await room?.campaign.close();
});

interface Offer {
  sessions: { id: number; free: number; booked: number }[];
}
interface TeamAnswer {
  team: { id: number; sessionId: number; places: number };
  token: string;
  url: string;
}

describe('team evenings', () => {
  it('holds team places for the team link alone: a general sign-up never takes one', async () => {
    const session = await makeSession(room, { capacity: 5, hoursAhead: 20 });
    const general = await signupLink(room);
    const made = await expectStatus<TeamAnswer>(
      api(room.url, 'POST', `/api/associations/${room.associations.A}/teams`, room.associationA, { sessionId: session.id, places: 3, captain: 'Lagkapten' }),
      201,
    );
    expect(made.url).toBe(`${room.url}/signup#token=${made.token}`);
    // More places than are free are refused.
    const tooMany = api(room.url, 'POST', `/api/associations/${room.associations.A}/teams`, ADMIN_TOKEN, { sessionId: session.id, places: 3, captain: 'X' });
    await expectRefusal(tooMany, 409, { reason: 'team_places', params: { free: 2 } });
    const seen = async (token: string) =>
      (await expectStatus<Offer>(api(room.url, 'GET', '/api/signup/sessions', token), 200)).sessions.find((listed) => listed.id === session.id);
    expect((await seen(general))!.free).toBe(2);
    // The team link lists its own session only, with the team's free places.
    const teamOffer = await expectStatus<Offer>(api(room.url, 'GET', '/api/signup/sessions', made.token), 200);
    expect(teamOffer.sessions.map((listed) => [listed.id, listed.free])).toEqual([[session.id, 3]]);
    // Four general sign-ups: two booked, two waiting, though three team places stand empty.
    const generals: SignupAnswer[] = [];
    for (let i = 0; i < 4; i += 1) generals.push(await expectStatus<SignupAnswer>(signUp(room, general, [session.id]), 201));
    expect(generals.map((answer) => answer.bookings[0]!.status)).toEqual(['booked', 'booked', 'waitlisted', 'waitlisted']);
    // Four team sign-ups: three booked, the fourth waits for a team place.
    const members: SignupAnswer[] = [];
    for (let i = 0; i < 4; i += 1) members.push(await expectStatus<SignupAnswer>(signUp(room, made.token, [session.id]), 201));
    expect(members.map((answer) => answer.bookings[0]!.status)).toEqual(['booked', 'booked', 'booked', 'waitlisted']);
    // A team place freed goes to the team's first waiting member, not a general sign-up.
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${members[0]!.bookings[0]!.id}`, members[0]!.token), 200);
    const status = async (answer: SignupAnswer) =>
      (await expectStatus<{ bookings: { status: string }[] }>(api(room.url, 'GET', '/api/me', answer.token), 200)).bookings[0]!.status;
    expect(await status(members[3]!)).toBe('booked');
    expect(await status(generals[2]!)).toBe('waitlisted');
    // A team link cannot book another session.
    const other = await makeSession(room, { capacity: 5, hoursAhead: 25 });
    await expectStatus(signUp(room, made.token, [other.id]), 404);
  });

  it("shows an association only its own teams, and a revoked team's link stops working and frees its places", async () => {
    const session = await makeSession(room, { capacity: 4, hoursAhead: 40 });
    const made = await expectStatus<TeamAnswer>(
      api(room.url, 'POST', `/api/associations/${room.associations.B}/teams`, room.associationB, { sessionId: session.id, places: 4, captain: 'Kapten B' }),
      201,
    );
    await expectStatus(api(room.url, 'POST', `/api/associations/${room.associations.B}/teams`, room.associationA, { sessionId: session.id, places: 1, captain: 'A' }), 404);
    // The team link books B's members only: someone giving association A is refused, nothing booked.
    const outsider = { sessionIds: [session.id], name: 'Utomstående', associationId: room.associations.A, email: 'ute@example.org', consent: true };
    await expectStatus(api(room.url, 'POST', '/api/signup/bookings', made.token, outsider), 400);
    await expectStatus(api(room.url, 'GET', `/api/associations/${room.associations.B}/teams`, room.associationA), 404);
    const listed = await expectStatus<{ teams: { id: number; taken: number }[] }>(api(room.url, 'GET', `/api/associations/${room.associations.B}/teams`, room.associationB), 200);
    expect(listed.teams.map((team) => team.id)).toEqual([made.team.id]);
    const own = await expectStatus<{ teams: { id: number }[] }>(api(room.url, 'GET', `/api/associations/${room.associations.A}/teams`, room.associationA), 200);
    expect(own.teams.map((team) => team.id)).not.toContain(made.team.id);
    const general = await signupLink(room);
    const waiting = await expectStatus<SignupAnswer>(signUp(room, general, [session.id]), 201);
    expect(waiting.bookings[0]!.status).toBe('waitlisted');
    await expectStatus(api(room.url, 'DELETE', `/api/associations/${room.associations.B}/teams/${made.team.id}`, room.associationA), 404);
    await expectStatus(api(room.url, 'DELETE', `/api/associations/${room.associations.B}/teams/${made.team.id}`, room.associationB), 204);
    await expectStatus(api(room.url, 'GET', '/api/signup/sessions', made.token), 401);
    const me = await expectStatus<{ bookings: { status: string }[] }>(api(room.url, 'GET', '/api/me', waiting.token), 200);
    expect(me.bookings[0]!.status).toBe('booked');
  });
});

describe('pledges', () => {
  it('counts attended sessions before the date, not bookings, on the pledge and the personal page', async () => {
    const made = await expectStatus<{ pledge: { id: number; shifts: number; attended: number }; token: string; url: string }>(
      api(room.url, 'POST', '/api/pledges', room.associationA, { name: 'Kandidat Ett', associationId: room.associations.A, shifts: 3, by: '2026-10-20' }),
      201,
    );
    expect(made.pledge).toMatchObject({ shifts: 3, attended: 0 });
    expect(made.url).toBe(`${room.url}/me#token=${made.token}`);
    await expectStatus(api(room.url, 'POST', '/api/pledges', room.associationA, { name: 'Någon', associationId: room.associations.B, shifts: 1, by: '2026-10-20' }), 403);
    // A date that has begun (today on the campaign's clock) or passed leaves no session to count: refused, saying why.
    const today = DateTime.fromMillis(room.clock.now(), { zone: room.campaign.app.config.timeZone });
    for (const by of [today.toISODate()!, today.minus({ days: 1 }).toISODate()!]) {
      const refused = await api(room.url, 'POST', '/api/pledges', room.associationA, { name: 'Sen', associationId: room.associations.A, shifts: 1, by });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ message: expect.stringMatching(/after today/), reason: 'pledge_date', params: { date: by } });
    }
    // Two sessions before the date, one after; the candidate books all three.
    const sessions = [await makeSession(room, { hoursAhead: 60 }), await makeSession(room, { hoursAhead: 70 }), await makeSession(room, { hoursAhead: 24 * 25 })];
    await expectStatus(api(room.url, 'POST', '/api/me/bookings', made.token, { sessionIds: sessions.map((session) => session.id) }), 201);
    type Progress = { id: number; shifts: number; attended: number; booked: number; by: string };
    const pledgeOf = async () => (await expectStatus<{ pledges: Progress[] }>(api(room.url, 'GET', '/api/me', made.token), 200)).pledges[0]!;
    expect(await pledgeOf()).toMatchObject({ shifts: 3, attended: 0, booked: 2, by: '2026-10-20' });
    // Check-in marks attendance (a later part); here the rows are set as it will.
    await execute(room.campaign.app.store, sql`UPDATE bookings SET status = 'attended' WHERE session_id IN (${sessions[0]!.id}, ${sessions[2]!.id})`);
    expect(await pledgeOf()).toMatchObject({ attended: 1, booked: 1 });
    // An association sees its own pledges only; the admin every one.
    const own = await expectStatus<{ timeZone: string; pledges: Progress[] }>(api(room.url, 'GET', '/api/pledges', room.associationA), 200);
    // With the campaign's clock, on which a pledge's date is a day.
    expect(own.timeZone).toBe(room.campaign.app.config.timeZone);
    expect(own.pledges.map((pledge) => [pledge.id, pledge.attended])).toEqual([[made.pledge.id, 1]]);
    expect((await expectStatus<{ pledges: Progress[] }>(api(room.url, 'GET', '/api/pledges', room.associationB), 200)).pledges).toEqual([]);
    expect((await expectStatus<{ pledges: Progress[] }>(api(room.url, 'GET', '/api/pledges', ADMIN_TOKEN), 200)).pledges).toHaveLength(1);
    // Erasing their details takes the name off the pledge too; the count stays.
    await expectStatus(api(room.url, 'DELETE', '/api/me', made.token), 200);
    const after = await expectStatus<{ pledges: (Progress & { name: string })[] }>(api(room.url, 'GET', '/api/pledges', ADMIN_TOKEN), 200);
    expect(after.pledges.map((pledge) => [pledge.name, pledge.attended])).toEqual([['', 1]]);
  });
});

describe('team places under load', () => {
  it('never gives a team place to a general sign-up, even when 20 sign up at once', async () => {
    const session = await makeSession(room, { capacity: 10, hoursAhead: 200 });
    await expectStatus(api(room.url, 'POST', `/api/associations/${room.associations.A}/teams`, ADMIN_TOKEN, { sessionId: session.id, places: 4, captain: 'K' }), 201);
    const general = await signupLink(room);
    const answers = await Promise.all(Array.from({ length: 20 }, () => expectStatus<SignupAnswer>(signUp(room, general, [session.id]), 201)));
    expect(answers.filter((answer) => answer.bookings[0]!.status === 'booked')).toHaveLength(6);
    const { sessions } = await expectStatus<{ sessions: { id: number; booked: number; waitlisted: number; teamPlaces: number }[] }>(
      api(room.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN),
      200,
    );
    expect(sessions.find((listed) => listed.id === session.id)).toMatchObject({ booked: 6, waitlisted: 14, teamPlaces: 4 });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { associations, municipalities } from '../../../server/src/db/schema.ts';
import { counts } from '../../../server/src/features/sessions/places.repo.ts';
import { api } from '../../helpers/http.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';

// Two nodes on one PostgreSQL database (READ COMMITTED): writes that change one session's places
// at once, sent to both nodes, must never together take or hold more places than the session has.
// Each race is repeated over a bounded number of rounds, each on a session of its own; without
// `lockPlaces` on a path, its round lets two writes both see the same free places.
const ROUNDS = 8;
const HOUR = 3_600_000;

let database: TestDatabase | undefined;
let nodes: [TestServer, TestServer];
let associationId = 0;
let generalLink = '';
let slot = 0;

async function answer(response: Promise<Response>, ...expected: number[]): Promise<{ status: number; body: unknown }> {
  const made = await response;
  const text = await made.text();
  expect(expected, `${made.status} ${text}`).toContain(made.status);
  return { status: made.status, body: text === '' ? null : JSON.parse(text) };
}

/** A fresh upcoming session in room 1, two hours long, none overlapping another. */
async function session(capacity: number): Promise<number> {
  slot += 1;
  const startsAt = Math.ceil(Date.now() / HOUR) * HOUR + (24 + 3 * slot) * HOUR;
  const body = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity };
  const made = await answer(api(nodes[0].url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body), 201);
  return (made.body as { sessions: { id: number }[] }).sessions[0]!.id;
}

const team = (node: TestServer, sessionId: number, places: number) =>
  answer(api(node.url, 'POST', `/api/associations/${associationId}/teams`, ADMIN_TOKEN, { sessionId, places, captain: 'Kapten' }), 201, 409);

let people = 0;
const signUp = (node: TestServer, sessionId: number, ...also: number[]) => {
  people += 1;
  return answer(
    api(node.url, 'POST', '/api/signup/bookings', generalLink, { sessionIds: [sessionId], name: `Volontär ${people}`, associationId, email: `v${people}@example.org`, consent: true }),
    201,
    ...also,
  );
};

const capacityTo = (node: TestServer, sessionId: number, capacity: number) => answer(api(node.url, 'PATCH', `/api/sessions/${sessionId}`, ADMIN_TOKEN, { capacity }), 200, 409);

/** The session's places as the database holds them, unclamped. */
const placesOf = async (sessionId: number) => (await nodes[0].app.store.read((q) => counts(q, sessionId)))!;

/** Invariant 1 and 2 of places.ts: taken places, and general ones plus teams' held ones, within the capacity. */
async function expectWithinCapacity(sessionId: number): Promise<Awaited<ReturnType<typeof placesOf>>> {
  const places = await placesOf(sessionId);
  expect(places.booked, JSON.stringify(places)).toBeLessThanOrEqual(places.capacity);
  expect(places.teamPlaces + places.generalTaken, JSON.stringify(places)).toBeLessThanOrEqual(places.capacity);
  return places;
}

describeWithPostgres('a session\'s places on two nodes', () => {
  beforeAll(async () => {
    database = await createDatabase();
    nodes = [await startServer({ databaseUrl: database.url }), await startServer({ databaseUrl: database.url })];
    associationId = await nodes[0].app.store.write(async (q) => {
      await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
      const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
      return made!.id;
    });
    await answer(api(nodes[0].url, 'POST', '/api/rooms/1/stations', ADMIN_TOKEN, { count: 6 }), 201);
    generalLink = ((await answer(api(nodes[0].url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201)).body as { token: string }).token;
  });

  afterAll(async () => {
    for (const node of nodes ?? []) await node?.close();
    await database?.drop();
  });

  it('gives teams made at once on both nodes no more places than are free', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const sessionId = await session(4);
      // Four teams of two for four places: two are made, two refused.
      const made = await Promise.all([team(nodes[0], sessionId, 2), team(nodes[1], sessionId, 2), team(nodes[0], sessionId, 2), team(nodes[1], sessionId, 2)]);
      expect(made.map((one) => one.status).sort()).toEqual([201, 201, 409, 409]);
      expect((await expectWithinCapacity(sessionId)).teamPlaces).toBe(4);
    }
  });

  it('never lets a team and sign-ups at once hold more places than the session has', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const sessionId = await session(4);
      const [made, ...signed] = await Promise.all([team(nodes[0], sessionId, 3), signUp(nodes[1], sessionId), signUp(nodes[1], sessionId), signUp(nodes[0], sessionId)]);
      const places = await expectWithinCapacity(sessionId);
      const booked = signed.filter((one) => (one.body as { bookings: { status: string }[] }).bookings[0]!.status === 'booked').length;
      // Either the team came first (one sign-up booked, two waiting) or enough sign-ups did to refuse it.
      if (made.status === 201) expect([places.teamPlaces, booked]).toEqual([3, 1]);
      else expect([places.teamPlaces, booked]).toEqual([0, 3]);
    }
  });

  it('never lowers a capacity below the places a sign-up takes meanwhile, and fills the places a raise adds', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const sessionId = await session(4);
      await signUp(nodes[0], sessionId);
      await signUp(nodes[0], sessionId);
      // Lowering to 2 while two more sign up: the lowering is refused, or the sign-ups wait.
      const [lowered] = await Promise.all([capacityTo(nodes[0], sessionId, 2), signUp(nodes[1], sessionId), signUp(nodes[1], sessionId)]);
      const places = await expectWithinCapacity(sessionId);
      expect([places.capacity, places.booked, places.waitlisted]).toEqual(lowered.status === 200 ? [2, 2, 2] : [4, 4, 0]);
      // Raising to 5 while one more signs up: every place the raise adds goes to someone waiting.
      await Promise.all([capacityTo(nodes[1], sessionId, 5), signUp(nodes[0], sessionId)]);
      const raised = await expectWithinCapacity(sessionId);
      expect([raised.capacity, raised.booked, raised.waitlisted]).toEqual([5, 5, 0]);
    }
  });

  it('books nobody into a session cancelled meanwhile', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const sessionId = await session(4);
      // A sign-up after the cancellation is refused (404); one before it is cancelled with the session.
      const [, ...signed] = await Promise.all([
        answer(api(nodes[0].url, 'DELETE', `/api/sessions/${sessionId}`, ADMIN_TOKEN), 204),
        signUp(nodes[1], sessionId, 404),
        signUp(nodes[1], sessionId, 404),
      ]);
      const places = await placesOf(sessionId);
      expect([places.booked, places.waitlisted], JSON.stringify(signed)).toEqual([0, 0]);
    }
  });
});

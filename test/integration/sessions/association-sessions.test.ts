import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom();
});
afterAll(async () => {
  await room?.campaign.close();
});

interface Listed {
  timeZone: string;
  sessions: { id: number; free: number; booked: number; room: string }[];
}

it('lists an association the upcoming sessions with the places a team can still take, and another association none of its', async () => {
  const session = await makeSession(room, { capacity: 5, hoursAhead: 30 });
  const past = await makeSession(room, { capacity: 5, hoursAhead: 2 });
  const path = `/api/associations/${room.associations.A}/sessions`;
  const free = async () => (await expectStatus<Listed>(api(room.url, 'GET', path, room.associationA), 200)).sessions.find((listed) => listed.id === session.id)?.free;
  expect(await free()).toBe(5);
  // A general sign-up and a team both take places the next team cannot have.
  await expectStatus(signUp(room, await signupLink(room), [session.id]), 201);
  await expectStatus(api(room.url, 'POST', path.replace('/sessions', '/teams'), room.associationA, { sessionId: session.id, places: 2, captain: 'Kapten' }), 201);
  expect(await free()).toBe(2);
  // Started sessions are not offered.
  room.clock.advance(3 * 3_600_000);
  const listed = await expectStatus<Listed>(api(room.url, 'GET', path, ADMIN_TOKEN), 200);
  // The campaign's clock, which the association's page shows the times on.
  expect(listed.timeZone).toBe(room.campaign.app.config.timeZone);
  expect(listed.sessions.map((item) => item.id)).not.toContain(past.id);
  expect(listed.sessions.map((item) => item.id)).toContain(session.id);
  await expectStatus(api(room.url, 'GET', path, room.associationB), 404);
  await expectStatus(api(room.url, 'GET', `/api/associations/999/sessions`, ADMIN_TOKEN), 404);
});

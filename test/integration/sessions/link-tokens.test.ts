import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

describe('sign-up, team and personal tokens', () => {
  let room: FillRoom;
  let signup: string;
  let team: string;
  let personal: SignupAnswer;
  beforeAll(async () => {
    room = await startFillRoom();
    const session = await makeSession(room, { capacity: 4 });
    signup = await signupLink(room);
    team = (await expectStatus<{ token: string }>(api(room.url, 'POST', `/api/associations/${room.associations.A}/teams`, ADMIN_TOKEN, { sessionId: session.id, places: 1, captain: 'K' }), 201)).token;
    personal = await expectStatus<SignupAnswer>(signUp(room, signup, [session.id]), 201);
  });
  afterAll(async () => {
    await room?.campaign.close();
  });

  it('open their own routes and nothing else', async () => {
    for (const token of [signup, team, personal.token]) {
      for (const path of ['/api/rooms', '/api/lists', '/api/pledges', '/api/signup-links']) {
        expect((await api(room.url, 'GET', path, token)).status).toBe(401);
      }
    }
    expect((await api(room.url, 'GET', '/api/me', signup)).status).toBe(401);
    expect((await api(room.url, 'GET', '/api/me', team)).status).toBe(401);
    expect((await api(room.url, 'GET', '/api/signup/sessions', personal.token)).status).toBe(401);
  });
});

describe('a wrong sign-up or personal token', () => {
  let room: FillRoom;
  beforeAll(async () => {
    room = await startFillRoom({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await room?.campaign.close();
  });

  it('counts toward the failed-login limit, after which even the right token in a feed URL is refused', async () => {
    const session = await makeSession(room, { capacity: 4 });
    const answer = await expectStatus<SignupAnswer>(signUp(room, await signupLink(room), [session.id]), 201);
    const feed = (token: string) => fetch(`${room.url}/api/me/calendar.ics?token=${encodeURIComponent(token)}`);
    expect((await feed(answer.token)).status).toBe(200);
    expect((await api(room.url, 'GET', '/api/signup/sessions', 'wrong-signup-token-0123456789')).status).toBe(401);
    expect((await api(room.url, 'GET', '/api/me', 'wrong-personal-token-012345678')).status).toBe(401);
    expect((await feed('wrong-feed-token-0123456789')).status).toBe(401);
    expect((await feed(answer.token)).status).toBe(429);
    expect((await api(room.url, 'GET', '/api/me', answer.token)).status).toBe(429);
  });
});

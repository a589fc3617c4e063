import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom({ stations: 4, env: { TIME_ZONE: 'America/New_York' } });
});
afterAll(async () => {
  await room?.campaign.close();
});

describe("the pages that plan and book sessions", () => {
  it("are told the campaign's clock, so they show days and times on it whatever the device's zone", async () => {
    const session = await makeSession(room, { hoursAhead: 30 });
    const link = await signupLink(room);
    const offer = await expectStatus<{ timeZone: string }>(api(room.url, 'GET', '/api/signup/sessions', link), 200);
    expect(offer.timeZone).toBe('America/New_York');
    const answer = await expectStatus<SignupAnswer>(signUp(room, link, [session.id]), 201);
    const me = await expectStatus<{ timeZone: string }>(api(room.url, 'GET', '/api/me', answer.token), 200);
    expect(me.timeZone).toBe('America/New_York');
    const planning = await expectStatus<{ timeZone: string }>(api(room.url, 'GET', '/api/mobilisation?roomId=1', ADMIN_TOKEN), 200);
    expect(planning.timeZone).toBe('America/New_York');
  });
});

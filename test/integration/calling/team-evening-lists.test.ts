import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { HOUR, expectStatus, makeSession, startFillRoom, type FillRoom } from '../sessions/fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom({ stations: 6, contactsPerList: 4 });
});
afterAll(async () => {
  await room?.campaign.close();
});

/** Station `index` checked in for `associationId` (null: every list): whose list its first contact is on. */
async function firstContactFor(index: number, associationId: number | null): Promise<number> {
  const socket = await room.campaign.join(index, { checkin: { name: `Volontär ${index}`, associationId } });
  return assignmentOf(await socket.emitWithAck('contact:next')).contact.association.id;
}

describe("a team evening's stations", () => {
  it("call the team's association's lists while its session runs, unless a leader fixed the station to a list; before and after, the volunteer's own", async () => {
    const { A, B } = room.associations;
    const session = await makeSession(room, { hoursAhead: 1 });
    await expectStatus(api(room.url, 'POST', `/api/associations/${B}/teams`, room.associationB, { sessionId: session.id, places: 3, captain: 'Kapten B' }), 201);

    // Before the session: a volunteer of A calls A's list.
    expect(await firstContactFor(0, A)).toBe(A);

    room.clock.advance(1.5 * HOUR);
    expect(await firstContactFor(1, A)).toBe(B);
    expect(await firstContactFor(2, null)).toBe(B);
    // The leader (here the admin) can still fix a station to another list.
    const listA = room.campaign.lists[0]!.listId;
    await expectStatus(api(room.url, 'PUT', `/api/stations/${room.campaign.stations[3]!.number}/list`, ADMIN_TOKEN, { listId: listA }), 200);
    expect(await firstContactFor(3, B)).toBe(A);

    // The session (two hours from +1 h) has ended.
    room.clock.advance(2 * HOUR);
    expect(await firstContactFor(4, A)).toBe(A);
  });

  it("fall back to the volunteer's own lists when the team's association has nobody to call now", async () => {
    const { A, B } = room.associations;
    const session = await makeSession(room, { hoursAhead: 1 });
    await expectStatus(api(room.url, 'POST', `/api/associations/${B}/teams`, room.associationB, { sessionId: session.id, places: 2, captain: 'Kapten B' }), 201);
    room.clock.advance(1.5 * HOUR);
    await expectStatus(api(room.url, 'DELETE', `/api/lists/${room.campaign.lists[1]!.listId}`, ADMIN_TOKEN), 204);
    expect(await firstContactFor(5, A)).toBe(A);
  });
});

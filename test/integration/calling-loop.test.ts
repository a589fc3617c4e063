import { afterEach, describe, expect, it } from 'vitest';
import type { Assignment, ContactNextResult } from '@ringstuga/shared';
import { buildContacts, buildList, buildStations, phoneNumber } from '../factories/campaign.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectStation, type StationClient, waitForEvent } from '../helpers/station-client.ts';

let server: TestServer | undefined;
const sockets: StationClient[] = [];

afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.close());
  await server?.close();
  server = undefined;
});

async function join(token: string): Promise<StationClient> {
  const socket = await connectStation(server!.url, token);
  sockets.push(socket);
  return socket;
}

function assignmentOf(result: ContactNextResult): Assignment {
  if (!result.ok || !result.assignment) throw new Error(`expected an assignment, got ${JSON.stringify(result)}`);
  return result.assignment;
}

describe('the calling loop over socket.io', () => {
  it('hands out a contact, records an outcome once and hands out the next', async () => {
    let stations: { token: string }[] = [];
    server = await startServer({
      prepare: (app) => {
        const { listId } = buildList(app.db, { municipalityCode: '0180', municipalityName: 'Stockholm' });
        buildContacts(app.db, listId, [phoneNumber(1), phoneNumber(2)]);
        stations = buildStations(app.db, 1);
      },
    });
    const station = await join(stations[0]!.token);

    const first = assignmentOf(await station.emitWithAck('contact:next'));
    expect(first.contact.phone).toBe(phoneNumber(1));
    expect(first.contact.phoneDisplay).toBe('070-100 00 01');
    expect(first.contact.municipality).toEqual({ code: '0180', name: 'Stockholm' });

    const leaderboardMoved = waitForEvent(station, 'leaderboard:update', {
      accept: (board) => board.municipalities.some((m) => m.attempts === 1),
    });
    await expect(
      station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation', note: 'Glad' }),
    ).resolves.toEqual({ ok: true });
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'declined' })).resolves.toEqual({
      ok: true,
    });
    const board = await leaderboardMoved;
    expect(board.municipalities[0]).toMatchObject({ code: '0180', attempts: 1, answered: 1, conversations: 1, personsCalled: 1, contacts: 2 });

    const second = assignmentOf(await station.emitWithAck('contact:next'));
    expect(second.contact.phone).toBe(phoneNumber(2));
  });
});

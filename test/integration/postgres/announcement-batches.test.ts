import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import type { RoomMessage } from '@ringstuga/shared';
import { BATCH_BYTES } from '../../../server/src/realtime/cluster.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { pollClockHolder } from '../../helpers/postgres/clock-holder.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

// Two nodes on one database: announcements made on A in one burst reach a station on B, every one
// and in order, in a few NOTIFYs rather than one each.
let database: TestDatabase | undefined;
let nodes: TestServer[] = [];
let listener: pg.Client | undefined;
let socket: StationClient | undefined;
let others: StationClient[] = [];

afterEach(async () => {
  socket?.close();
  for (const other of others) other.close();
  others = [];
  await listener?.end();
  for (const node of nodes) await node.close();
  await database?.drop();
  [nodes, database, listener, socket] = [[], undefined, undefined, undefined];
});

const BURST = 300;

async function makeStations(node: TestServer, count: number): Promise<string[]> {
  const made = await fetch(`${node.url}/api/rooms/1/stations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  expect(made.ok).toBe(true);
  const listed = await fetch(`${node.url}/api/stations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const { stations } = (await listed.json()) as { stations: { token: string }[] };
  return stations.map((station) => station.token);
}

/** Two nodes on a new database. */
async function twoNodes(): Promise<[TestServer, TestServer]> {
  database = await createDatabase();
  for (let i = 0; i < 2; i += 1) nodes.push(await startServer({ databaseUrl: database.url }));
  return nodes as [TestServer, TestServer];
}

/** The payloads of the NOTIFYs on `channels` that `counts` keeps, as they come. */
async function listen(channels: string[], counts: (payload: string) => boolean): Promise<string[]> {
  listener = new pg.Client({ connectionString: database!.url });
  await listener.connect();
  const kept: string[] = [];
  listener.on('notification', (message) => {
    if (message.payload !== undefined && counts(message.payload)) kept.push(message.payload);
  });
  for (const channel of channels) await listener.query(`LISTEN "${channel}"`);
  return kept;
}

describeWithPostgres('announcements between nodes', () => {
  it('sends a burst of announcements to another node all, in order, in a few NOTIFYs each below the adapter payload limit', async () => {
    const [a, b] = await twoNodes();
    const [token] = await makeStations(a, 1);
    socket = await connectStation(b.url, token!, { checkin: false });

    // Every message the adapter sends between nodes is a NOTIFY on this channel (the namespace '/'):
    // one carrying the burst names its event; one sent through the adapter's table names an attachment.
    // Both nodes announce other things meanwhile (a station joined, the board moved): not counted.
    const notified = await listen(['socket.io#/'], (payload) => payload.includes('"roomMessage"') || payload.includes('attachmentId'));

    const heard: RoomMessage[] = [];
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`heard ${heard.length} of ${BURST} announcements`)), 15_000);
      socket!.on('room:message', (message) => {
        heard.push(message);
        if (heard.length === BURST) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const sent = Array.from({ length: BURST }, (_, i) => ({ id: i + 1, text: `Meddelande ${i + 1} – fika`, createdAt: new Date(Date.UTC(2026, 11, 4, 18)).toISOString() }));
    for (const message of sent) a.app.announce.roomMessage(1, message);
    await all;
    // A round trip after the last: PostgreSQL hands an idle listener its notifications before it answers.
    await listener!.query('SELECT 1');

    expect(heard).toEqual(sent);
    // The burst's JSON is ~25 kB: several messages (the cap splits it), none through the table, far fewer than one each.
    const bytes = Buffer.byteLength(JSON.stringify(sent.map((message) => ({ name: 'roomMessage', args: [1, message] }))));
    expect(bytes).toBeGreaterThan(3 * BATCH_BYTES);
    expect(notified.some((payload) => payload.includes('attachmentId'))).toBe(false);
    expect(notified.length).toBeGreaterThanOrEqual(Math.ceil(bytes / BATCH_BYTES));
    expect(notified.length).toBeLessThanOrEqual(Math.ceil(bytes / BATCH_BYTES) + 1);
  });

  it('sends each leaderboard to the other nodes as one message, which each pushes to its own stations', async () => {
    const [a, b] = await twoNodes();
    // Stations in several of a node's broadcast shards, on both nodes.
    const tokens = await makeStations(a, 6);
    others = await Promise.all(tokens.map((token, i) => connectStation((i % 2 === 0 ? a : b).url, token, { checkin: false })));
    // The clock's holder sends the board when it takes the clock: taken, and that board gone, before counting.
    expect(await pollClockHolder(database!.url, (holder) => holder !== undefined, 40, 250)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 500));

    // The main namespace's channel (server-side events) and the stations' (broadcasts to their rooms).
    const boardsNotified = await listen(['socket.io#/', 'socket.io#/station'], (payload) => payload.includes('municipalities'));
    const heard = others.map((other) => waitForEvent(other, 'leaderboard:update', { timeout: 8000 }));
    // As if A had just taken the clock: it sends the board once.
    a.app.announce.leaderboardClockTaken();
    const boards = await Promise.all(heard);
    await listener!.query('SELECT 1');

    expect(new Set(boards.map((board) => JSON.stringify(board))).size).toBe(1);
    // Several (seven, in the run before this change) with an adapter broadcast per shard. A board
    // over 8,000 bytes would go through the adapter's table, whose NOTIFY names no municipalities:
    // this one, of the test's one municipality, does not.
    expect(boardsNotified).toHaveLength(1);
  });

  it('refuses a leaderboard from another node that is not one, and pushes nothing of it', async () => {
    const [a, b] = await twoNodes();
    const [token] = await makeStations(a, 1);
    socket = await connectStation(a.url, token!, { checkin: false });
    const pushed: unknown[] = [];
    socket.on('leaderboard:update', (board) => pushed.push(board));
    const warn = vi.spyOn(a.app.log, 'warn');
    b.app.realtime.serverSide.emit('leaderboard', { municipalities: 'all of them' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'a leaderboard from another node was refused'), {
      timeout: 8000,
      interval: 20,
    });
    // A round trip to A after the refusal: a push it had made would have reached the station first.
    await socket.emitWithAck('contact:next');
    expect(pushed.filter((board) => (board as { municipalities: unknown }).municipalities === 'all of them')).toEqual([]);
  });
});

import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { RoomMessage } from '@ringstuga/shared';
import { BATCH_BYTES } from '../../../server/src/realtime/cluster.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';

// Two nodes on one database: announcements made on A in one burst reach a station on B, every one
// and in order, in a few NOTIFYs rather than one each.
let database: TestDatabase | undefined;
let nodes: TestServer[] = [];
let listener: pg.Client | undefined;
let socket: StationClient | undefined;

afterEach(async () => {
  socket?.close();
  await listener?.end();
  for (const node of nodes) await node.close();
  await database?.drop();
  [nodes, database, listener, socket] = [[], undefined, undefined, undefined];
});

const BURST = 300;

describeWithPostgres('announcements between nodes', () => {
  it('sends a burst of announcements to another node all, in order, in a few NOTIFYs each below the adapter payload limit', async () => {
    database = await createDatabase();
    for (let i = 0; i < 2; i += 1) nodes.push(await startServer({ databaseUrl: database.url }));
    const [a, b] = nodes as [TestServer, TestServer];
    const made = await fetch(`${a.url}/api/rooms/1/stations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1 }),
    });
    expect(made.ok).toBe(true);
    const listed = await fetch(`${a.url}/api/stations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { stations } = (await listed.json()) as { stations: { token: string }[] };
    socket = await connectStation(b.url, stations[0]!.token, { checkin: false });

    // Every message the adapter sends between nodes is a NOTIFY on this channel (the namespace '/'):
    // one carrying the burst names its event; one sent through the adapter's table names an attachment.
    // Both nodes announce other things meanwhile (a station joined, the board moved): not counted.
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => {
      if (message.payload?.includes('"roomMessage"') || message.payload?.includes('attachmentId')) notified.push(message.payload);
    });
    await listener.query('LISTEN "socket.io#/"');

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
    await listener.query('SELECT 1');

    expect(heard).toEqual(sent);
    // The burst's JSON is ~25 kB: several messages (the cap splits it), none through the table, far fewer than one each.
    const bytes = Buffer.byteLength(JSON.stringify(sent.map((message) => ({ name: 'roomMessage', args: [1, message] }))));
    expect(bytes).toBeGreaterThan(3 * BATCH_BYTES);
    expect(notified.some((payload) => payload.includes('attachmentId'))).toBe(false);
    expect(notified.length).toBeGreaterThanOrEqual(Math.ceil(bytes / BATCH_BYTES));
    expect(notified.length).toBeLessThanOrEqual(Math.ceil(bytes / BATCH_BYTES) + 1);
  });
});

import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { associations, municipalities } from '../../../server/src/db/schema.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, roomStateWhere, type RoomClient } from '../../helpers/board-client.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { connectPhone, nextContact, pairingToken, type PhoneClient } from '../../helpers/phone-client.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { pollClockHolder } from '../../helpers/postgres/clock-holder.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

// Three nodes on one PostgreSQL database, as behind a load balancer with sticky sessions: each
// client is connected to one node, and what happens on one node must reach clients on the others.
let database: TestDatabase | undefined;
let nodes: TestServer[] = [];
let stationTokens: string[] = [];
const sockets: { close(): unknown }[] = [];

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
async function call<T>(node: TestServer, method: string, path: string, body?: string, contentType = 'application/json'): Promise<T> {
  const response = await fetch(`${node.url}${path}`, { method, headers: { ...admin, ...(body && { 'content-type': contentType }) }, body });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const track = <S extends { close(): unknown }>(socket: S): S => {
  sockets.push(socket);
  return socket;
};
const station = async (node: TestServer, index: number): Promise<StationClient> => track(await connectStation(node.url, stationTokens[index]!));
const leader = async (node: TestServer, token: string): Promise<RoomClient> => track(await connectRoom(node.url, token));

beforeEach(async () => {
  database = await createDatabase();
  // One after another: the first migrates nothing (a migrated template), the others find the token key settled.
  for (let i = 0; i < 3; i += 1) nodes.push(await startServer({ databaseUrl: database.url }));
  const [a] = nodes as [TestServer];
  const associationId = await a.app.store.write(async (q) => {
    await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
    const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
    return made!.id;
  });
  const list = await call<{ id: number }>(a, 'POST', '/api/lists', JSON.stringify({ name: 'Medlemmar', associationId }));
  const rows = Array.from({ length: 8 }, (_, i) => `Person ${i};07012345${String(60 + i)}`).join('\r\n');
  await call(a, 'POST', `/api/lists/${list.id}/import`, `Namn;Telefon\r\n${rows}\r\n`, 'text/csv');
  await call(a, 'POST', '/api/rooms/1/stations', JSON.stringify({ count: 3 }));
  const { stations } = await call<{ stations: { token: string }[] }>(a, 'GET', '/api/stations');
  stationTokens = stations.map((made) => made.token);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const node of nodes) await node.close();
  await database?.drop();
  [nodes, database, stationTokens] = [[], undefined, []];
});

/** The node holding the leaderboard clock, once one (other than `except`) does (bounded: 40 × 250 ms). */
async function clockNode(except?: string): Promise<string | undefined> {
  const holder = await pollClockHolder(database!.url, (seen) => seen !== undefined && seen.nodeId !== except, 40, 250);
  return holder && holder.nodeId !== except ? holder.nodeId : undefined;
}

const attempts = (board: { municipalities: { attempts: number }[] }) => board.municipalities.reduce((sum, standing) => sum + standing.attempts, 0);

/** An outcome on node A reaches the leaderboard of a station on each of the three nodes. */
async function expectBoardOnEveryNode(): Promise<void> {
  const [a, b, c] = nodes as [TestServer, TestServer, TestServer];
  const onA = await station(a, 0);
  const onB = await station(b, 1);
  const onC = await station(c, 2);
  const heard = [onA, onB, onC].map((socket) => waitForEvent(socket, 'leaderboard:update', { accept: (board) => attempts(board) === 1, timeout: 8000 }));
  const assignment = assignmentOf(await onA.emitWithAck('contact:next'));
  await expect(onA.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome: 'conversation' })).resolves.toMatchObject({ ok: true });
  for (const board of await Promise.all(heard)) expect(attempts(board)).toBe(1);
}

describeWithPostgres('several nodes on one PostgreSQL database', () => {
  it('pushes the leaderboard to stations on every node after an outcome on one', async () => {
    await expectBoardOnEveryNode();
  });

  it('hands the leaderboard clock to another node when its holder stops, and the board still reaches every node', async () => {
    const holder = await clockNode();
    const stopping = nodes.find((node) => node.app.realtime.nodeId === holder);
    expect(stopping).toBeDefined();
    await stopping!.close();
    nodes = nodes.filter((node) => node !== stopping);
    const [a, b] = nodes as [TestServer, TestServer];
    const next = await clockNode(holder);
    expect([a.app.realtime.nodeId, b.app.realtime.nodeId]).toContain(next);

    const onA = await station(a, 0);
    const onB = await station(b, 1);
    const heard = [onA, onB].map((socket) => waitForEvent(socket, 'leaderboard:update', { accept: (board) => attempts(board) === 1, timeout: 8000 }));
    const assignment = assignmentOf(await onB.emitWithAck('contact:next'));
    await expect(onB.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome: 'no_answer' })).resolves.toMatchObject({ ok: true });
    for (const board of await Promise.all(heard)) expect(attempts(board)).toBe(1);
  });

  it('still carries pushes between nodes after PostgreSQL cut every LISTEN connection (the adapter takes new ones)', async () => {
    const listening = async (client: pg.Client) =>
      (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)).rows;
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      const before = await listening(client);
      expect(before.length).toBeGreaterThanOrEqual(3);
      await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before.map((row) => row.pid)]);
      // Each node's adapter notices the end and listens again on a new connection (bounded: 60 × 250 ms).
      for (let i = 0; i < 60; i += 1) {
        const now = await listening(client);
        if (now.length >= 3 && now.every((row) => !before.some((old) => old.pid === row.pid))) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await client.end();
    }
    await expectBoardOnEveryNode();
  });

  it("shows a station connected on node A online on node B's room board, and its outcome", async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const link = await createLink(a.url, 'leader', { roomId: 1 });
    const board = await leader(b, link.token);
    const before = await roomStateWhere(board, (state) => state.stations.length === 3);
    expect(before.stations.every((tile) => !tile.online)).toBe(true);

    const onA = await station(a, 0);
    const stationId = (await roomStateWhere(board, (state) => state.stations.some((tile) => tile.online), 8000)).stations.find((tile) => tile.online)!.id;
    const assignment = assignmentOf(await onA.emitWithAck('contact:next'));
    await expect(onA.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome: 'conversation' })).resolves.toMatchObject({ ok: true });
    const after = await roomStateWhere(board, (state) => state.stations.find((tile) => tile.id === stationId)?.shift?.attempts === 1, 8000);
    expect(after.stations.find((tile) => tile.id === stationId)).toMatchObject({ online: true, shift: { attempts: 1, conversations: 1 } });

    // The station leaves node A: node B's board shows it offline.
    onA.close();
    await roomStateWhere(board, (state) => state.stations.every((tile) => !tile.online), 8000);
  });

  it('gives a phone paired through node B every contact of its station on node A, and the station every outcome from the phone', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const onA = await station(a, 0);
    const paired = await onA.emitWithAck('pair:create');
    if (!paired.ok) throw new Error(paired.error.message);
    const phoneConnected = waitForEvent(onA, 'pair:state', { accept: (state) => state.phoneConnected, timeout: 8000 });
    const { phone, firstContact } = await connectPhone(b.url, pairingToken(paired.url));
    track(phone as PhoneClient);
    expect(await firstContact).toBeNull();
    await phoneConnected;

    for (let i = 0; i < 3; i += 1) {
      const shown = nextContact(phone, (contact) => contact !== null);
      const assignment = assignmentOf(await onA.emitWithAck('contact:next'));
      expect((await shown)?.assignmentId).toBe(assignment.id);
      const recorded = waitForEvent(onA, 'call:recorded', { timeout: 8000 });
      const cleared = nextContact(phone, (contact) => contact === null);
      await expect(phone.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
      expect(await recorded).toEqual({ assignmentId: assignment.id, outcome: 'conversation' });
      await cleared;
    }
  });

  it("closes the leader's connection on node B when its link is revoked on node A", async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const link = await createLink(a.url, 'leader', { roomId: 1 });
    const board = await leader(b, link.token);
    await roomStateWhere(board);
    const { links } = await call<{ links: { id: number }[] }>(a, 'GET', '/api/access-links');
    expect(links).toHaveLength(1);
    const gone = new Promise<string>((resolve) => board.once('disconnect', resolve));
    await call(a, 'DELETE', `/api/access-links/${links[0]!.id}`);
    expect(await gone).toBe('io server disconnect');
  });
});

import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH, type CallOutcomeInput } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { callRowsFor, expectConsistent } from '../../helpers/database-checks.ts';
import { snapshotTables } from '../../helpers/db-snapshot.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

const UNAVAILABLE = {
  ok: false,
  error: { code: 'unavailable', message: expect.stringMatching(/database cannot save/) },
};
/** A short lock wait, so a locked database answers in milliseconds instead of the default 5 s. */
const BUSY_TIMEOUT_MS = 50;
/** 1,000 three-byte characters: a 3 kB call row, so two never share a 4 kB page. */
const PAGE_FILLING_NOTE = '€'.repeat(NOTE_MAX_LENGTH);

let server: CampaignServer | TestServer | undefined;
let logged: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  logged = [];
});

/** The server's log, kept so a test can see which SQLite error it really met. */
const logger = {
  level: 'warn',
  stream: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  }),
};
const sqliteCodesLogged = () =>
  logged.flatMap((line) => {
    const code: unknown = (JSON.parse(line) as { err?: { code?: unknown } }).err?.code;
    return typeof code === 'string' ? [code] : [];
  });

const range = (count: number) => Array.from({ length: count }, (_, i) => phoneNumber(i + 1));

async function start(stations: number): Promise<CampaignServer> {
  const campaign = await startCampaign({
    lists: [{ phones: range(Math.max(60, stations + 10)) }],
    stations,
    env: { DB_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) },
    logger,
  });
  server = campaign;
  return campaign;
}

/** Liveness and reads do not depend on writing: in WAL mode readers are never blocked. */
async function expectStillServing(url: string): Promise<void> {
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  const board = await fetch(`${url}/api/leaderboard`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(board.status).toBe(200);
}

/** One station holding a contact, with the report it will make. */
async function holding(campaign: CampaignServer, index: number, note?: string) {
  const station = await campaign.join(index);
  const assignment = assignmentOf(await station.emitWithAck('contact:next'));
  const report: CallOutcomeInput = { assignmentId: assignment.id, outcome: 'conversation', ...(note && { note }) };
  return { station, report };
}

/** Once the condition is lifted the refused report succeeds, once, and a repeat changes nothing. */
async function expectRecordedOnce(campaign: CampaignServer, station: StationClient, report: CallOutcomeInput) {
  expect(await station.emitWithAck('call:outcome', report)).toEqual({ ok: true });
  expect(await station.emitWithAck('call:outcome', report)).toEqual({ ok: true });
  expect(await callRowsFor(campaign.app.store, report.assignmentId)).toBe(1);
  await expectConsistent(campaign.app.store);
}

// SQLite only: makes the file full, read-only or locked with SQLite pragmas and a second connection.
describe.skipIf(onPostgres)('when the database cannot write', () => {
  it('refuses outcomes and claims with "unavailable" while the disk is full, writes nothing, and records the outcome once space is back', async () => {
    const campaign = await start(80);
    const sqlite = campaign.app.db.$client;
    // One 3 kB call row leaves the calls table's last page too full for a second one.
    const first = await holding(campaign, 0, PAGE_FILLING_NOTE);
    expect(await first.station.emitWithAck('call:outcome', first.report)).toEqual({ ok: true });
    const { station } = first;
    const assignment = assignmentOf(await station.emitWithAck('contact:next'));
    const report: CallOutcomeInput = { assignmentId: assignment.id, outcome: 'conversation', note: PAGE_FILLING_NOTE };

    // The file may not grow by a single page: the nearest thing to a full disk that a test can make.
    expect(sqlite.pragma('freelist_count', { simple: true })).toBe(0);
    const unlimited = sqlite.pragma('max_page_count', { simple: true }) as number;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    expect(sqlite.pragma(`max_page_count = ${pages}`, { simple: true })).toBe(pages);
    try {
      const before = await snapshotTables(campaign.app.store);
      expect(await station.emitWithAck('call:outcome', report)).toEqual(UNAVAILABLE);
      expect(await snapshotTables(campaign.app.store)).toEqual(before);
      // Handing back the contact already held needs no space, so that still works.
      expect(assignmentOf(await station.emitWithAck('contact:next')).id).toBe(assignment.id);

      // A new lease needs a little room; stations keep joining and claiming until one does not fit.
      let refused: StationClient | undefined;
      for (let index = 1; index < 80 && !refused; index += 1) {
        const next = await campaign.join(index);
        const unchanged = await snapshotTables(campaign.app.store);
        const answer = await next.emitWithAck('contact:next');
        if (answer.ok) continue;
        expect(answer).toEqual(UNAVAILABLE);
        expect(await snapshotTables(campaign.app.store)).toEqual(unchanged);
        refused = next;
      }
      expect(refused, 'a claim that needed a new page').toBeDefined();
      expect(new Set(sqliteCodesLogged())).toEqual(new Set(['SQLITE_FULL']));
      await expectStillServing(campaign.url);

      sqlite.pragma(`max_page_count = ${unlimited}`);
      await expectRecordedOnce(campaign, station, report);
      expect(assignmentOf(await refused!.emitWithAck('contact:next')).id).toEqual(expect.any(String));
    } finally {
      sqlite.pragma(`max_page_count = ${unlimited}`);
    }
  });

  // The CI runs as root, and root may write a file whatever its mode: chmod cannot make the file
  // read-only here. `query_only` makes SQLite refuse every write on the server's own connection
  // with the same SQLITE_READONLY a read-only file gives.
  it('refuses outcomes and claims with "unavailable" while the database is read-only, writes nothing, and records the outcome afterwards', async () => {
    const campaign = await start(3);
    const sqlite = campaign.app.db.$client;
    const { station, report } = await holding(campaign, 0);
    const other = await campaign.join(1);

    sqlite.pragma('query_only = ON');
    try {
      const before = await snapshotTables(campaign.app.store);
      expect(await station.emitWithAck('call:outcome', report)).toEqual(UNAVAILABLE);
      // Every claim opens a write transaction (it may expire leases), which is refused too.
      expect(await station.emitWithAck('contact:next')).toEqual(UNAVAILABLE);
      expect(await other.emitWithAck('contact:next')).toEqual(UNAVAILABLE);
      expect(sqliteCodesLogged()).toEqual(['SQLITE_READONLY', 'SQLITE_READONLY', 'SQLITE_READONLY']);
      await expectStillServing(campaign.url);
      expect(await snapshotTables(campaign.app.store)).toEqual(before);
    } finally {
      sqlite.pragma('query_only = OFF');
    }
    await expectRecordedOnce(campaign, station, report);
    expect(assignmentOf(await other.emitWithAck('contact:next')).id).toEqual(expect.any(String));
  });

  it('refuses outcomes and claims with "unavailable" after DB_BUSY_TIMEOUT_MS while another connection holds the write lock', async () => {
    const campaign = await start(3);
    const { station, report } = await holding(campaign, 0);
    const other = await campaign.join(1);

    const locker = new Database(campaign.databasePath);
    try {
      locker.exec('BEGIN EXCLUSIVE');
      const before = await snapshotTables(campaign.app.store);
      const askedAt = Date.now();
      expect(await station.emitWithAck('call:outcome', report)).toEqual(UNAVAILABLE);
      expect(await station.emitWithAck('contact:next')).toEqual(UNAVAILABLE);
      expect(await other.emitWithAck('contact:next')).toEqual(UNAVAILABLE);
      // Three waits of DB_BUSY_TIMEOUT_MS, not of the default 5 s.
      expect(Date.now() - askedAt).toBeLessThan(3_000);
      expect(sqliteCodesLogged()).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY']);
      await expectStillServing(campaign.url);
      expect(await snapshotTables(campaign.app.store)).toEqual(before);
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
    }
    await expectRecordedOnce(campaign, station, report);
    expect(assignmentOf(await other.emitWithAck('contact:next')).id).toEqual(expect.any(String));
  });

  it('answers an HTTP route that cannot write with 503 and a JSON error, not 500', async () => {
    const fresh = await startServer({ env: { DB_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) }, logger });
    server = fresh;
    let rooms = 0;
    // Making a room writes (a new name each time, so each one would be a 201).
    const makeRoom = () =>
      fetch(`${fresh.url}/api/rooms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Sal ${(rooms += 1)}` }),
      });
    const unavailable = { error: { code: 'unavailable', message: expect.stringMatching(/database cannot save/) } };

    const locker = new Database(fresh.databasePath);
    try {
      locker.exec('BEGIN EXCLUSIVE');
      const locked = await makeRoom();
      expect(locked.status).toBe(503);
      expect(await locked.json()).toEqual(unavailable);
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
    }
    fresh.app.db.$client.pragma('query_only = ON');
    try {
      const readOnly = await makeRoom();
      expect(readOnly.status).toBe(503);
      expect(await readOnly.json()).toEqual(unavailable);
    } finally {
      fresh.app.db.$client.pragma('query_only = OFF');
    }
    expect((await makeRoom()).status).toBe(201);
    expect(sqliteCodesLogged()).toEqual(['SQLITE_BUSY', 'SQLITE_READONLY']);
  });
});

import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { secureDataFiles } from '../../../server/src/db/open.ts';
import { stationToken } from '../../../server/src/features/auth/tokens.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { tracesInStore, tracesOnDisk } from '../../helpers/trace-scan.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { column, single } from '../../helpers/store-values.ts';

const TOKEN_KEY = 'k3y-from-the-environment-0123456789abcdefXYZ';
const mode = (path: string) => statSync(path).mode & 0o777;

let server: TestServer | undefined;
let dir: string | undefined;
const databases: TestDatabase[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  for (const database of databases.splice(0)) await database.drop();
});

/** A path in a folder that does not exist yet, inside a fresh temp folder. */
function freshPath(): { folder: string; path: string } {
  dir = mkdtempSync(join(tmpdir(), 'ringstuga-modes-'));
  const folder = join(dir, 'data');
  return { folder, path: join(folder, 'ringstuga.db') };
}

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: { level: 'warn', stream } };
}

const stationsOf = async (url: string) =>
  ((await (await fetch(`${url}/api/stations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { stations: { number: number; token: string }[] }).stations;
const addStations = (url: string) =>
  fetch(`${url}/api/rooms/1/stations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count: 2 }),
  });
const tokensOf = async (url: string) => (await stationsOf(url)).map(({ number, token }) => ({ number, token }));
const settingsKeys = (s: TestServer) => column(s.app.store, sql`SELECT key FROM settings ORDER BY key`);

/**
 * Where one database lives for servers started one after another: a new SQLite file, or under
 * TEST_STORE=postgres a new PostgreSQL database (dropped after the test).
 */
async function freshStore(): Promise<{ where: { databasePath: string } | { databaseUrl: string }; path?: string }> {
  if (!onPostgres) {
    const { path } = freshPath();
    return { where: { databasePath: path }, path };
  }
  const database = await createDatabase();
  databases.push(database);
  return { where: { databaseUrl: database.url } };
}

/**
 * The key is nowhere in what the store keeps: on SQLite not even as bytes in the file or its WAL
 * (after a checkpoint by the test, with `checkpoint`; otherwise as the server left them).
 */
async function expectKeyGone(s: TestServer, path: string | undefined, key: string, options: { checkpoint: boolean }): Promise<void> {
  expect(await tracesInStore(s.app.store, [key])).toEqual([]);
  if (!path) return;
  if (options.checkpoint) s.app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  expect(tracesOnDisk(path, [key])).toEqual([]);
}

// SQLite only: the SQLite file's and WAL's permissions on disk.
describe.skipIf(onPostgres)('the database files', () => {
  it('are created readable by their owner only: the folder 0700, the database, its -wal and -shm 0600', async () => {
    const { folder, path } = freshPath();
    server = await startServer({ databasePath: path, env: { ADMIN_TOKEN: '' } });
    await fetch(`${server.url}/api/health`);
    expect(mode(folder)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
  });

  it('are tightened to 0600 at start when an older install left them readable by others, and the log says so', async () => {
    const { path } = freshPath();
    server = await startServer({ databasePath: path });
    await server.close();
    server = undefined;
    chmodSync(path, 0o644);
    // A clean close removes the WAL; an empty one left beside the file (as after a crash) is still read.
    writeFileSync(`${path}-wal`, '', { mode: 0o644 });
    chmodSync(`${path}-wal`, 0o644);

    const { lines, logger } = capturingLogger();
    server = await startServer({ databasePath: path, logger });
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(lines.join('\n')).toMatch(/readable by their owner only \(0600\)/);
  });
});

describe('secureDataFiles', () => {
  it('takes only the others\' bits away: a database its owner made read-only stays read-only', () => {
    const { path } = freshPath();
    secureDataFiles(path);
    chmodSync(path, 0o444);
    expect(secureDataFiles(path).tightened).toEqual([path]);
    expect(mode(path)).toBe(0o400);
  });
});

describe('TOKEN_KEY', () => {
  it('derives the station links from the environment and keeps no key in the database', async () => {
    const { where, path } = await freshStore();
    server = await startServer({ ...where, env: { TOKEN_KEY } });
    expect((await addStations(server.url)).status).toBe(201);
    const tokens = await tokensOf(server.url);
    expect(tokens).toHaveLength(2);
    for (const { number, token } of tokens) expect(token).toBe(stationToken(TOKEN_KEY, number));
    expect(await settingsKeys(server)).not.toContain('token_key');
    await expectKeyGone(server, path, TOKEN_KEY, { checkpoint: true });
  });

  it('moves a key kept in the database out of it when TOKEN_KEY is set to the same value: the links stay', async () => {
    const { where, path } = await freshStore();
    server = await startServer(where);
    await addStations(server.url);
    const before = await tokensOf(server.url);
    const stored = (await single(server.app.store, sql`SELECT value FROM settings WHERE key = 'token_key'`)) as string;
    expect(stored).toEqual(expect.any(String));
    await server.close();

    const { lines, logger } = capturingLogger();
    server = await startServer({ ...where, env: { TOKEN_KEY: stored }, logger });
    expect(await tokensOf(server.url)).toEqual(before);
    expect(await settingsKeys(server)).not.toContain('token_key');
    await expectKeyGone(server, path, stored, { checkpoint: false });
    expect(lines.join('\n')).toMatch(/comes from TOKEN_KEY only: removed from the database/);
  });

  it('refuses to start with another key than the database holds, or without the key its links were made with', async () => {
    const { where: first } = await freshStore();
    server = await startServer(first);
    await addStations(server.url);
    await server.close();
    server = undefined;
    await expect(startServer({ ...first, env: { TOKEN_KEY } })).rejects.toThrow(/TOKEN_KEY differs from the token key this database holds/);

    // On SQLite a second file in a second folder (freshPath keeps one folder to remove).
    if (dir) rmSync(dir, { recursive: true, force: true });
    const { where: other } = await freshStore();
    server = await startServer({ ...other, env: { TOKEN_KEY } });
    await server.close();
    server = undefined;
    await expect(startServer(other)).rejects.toThrow(/made with TOKEN_KEY, which is not set/);
    await expect(startServer({ ...other, env: { TOKEN_KEY: `${TOKEN_KEY}-other` } })).rejects.toThrow(/not the key this database's station links were made with/);
    server = await startServer({ ...other, env: { TOKEN_KEY } });
  });

  it('must be 32 or more printable characters', async () => {
    await expect(startServer({ env: { TOKEN_KEY: 'too short' } })).rejects.toThrow(/TOKEN_KEY must be 32 to 512 printable ASCII/);
  });
});

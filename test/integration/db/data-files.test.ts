import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { secureDataFiles } from '../../../server/src/db/open.ts';
import { stationToken } from '../../../server/src/features/auth/tokens.ts';
import { tracesOnDisk } from '../../helpers/trace-scan.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

const TOKEN_KEY = 'k3y-from-the-environment-0123456789abcdefXYZ';
const mode = (path: string) => statSync(path).mode & 0o777;

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
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
const settingsKeys = (s: TestServer) => s.app.db.$client.prepare('SELECT key FROM settings ORDER BY key').pluck().all();

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
  it('derives the station links from the environment and keeps no key in the database file', async () => {
    const { path } = freshPath();
    server = await startServer({ databasePath: path, env: { TOKEN_KEY } });
    expect((await addStations(server.url)).status).toBe(201);
    const tokens = await tokensOf(server.url);
    expect(tokens).toHaveLength(2);
    for (const { number, token } of tokens) expect(token).toBe(stationToken(TOKEN_KEY, number));
    expect(settingsKeys(server)).not.toContain('token_key');
    server.app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(tracesOnDisk(path, [TOKEN_KEY])).toEqual([]);
  });

  it('moves a key kept in the database out of it when TOKEN_KEY is set to the same value: the links stay', async () => {
    const { path } = freshPath();
    server = await startServer({ databasePath: path });
    await addStations(server.url);
    const before = await tokensOf(server.url);
    const stored = server.app.db.$client.prepare(`SELECT value FROM settings WHERE key = 'token_key'`).pluck().get() as string;
    await server.close();

    const { lines, logger } = capturingLogger();
    server = await startServer({ databasePath: path, env: { TOKEN_KEY: stored }, logger });
    expect(await tokensOf(server.url)).toEqual(before);
    expect(settingsKeys(server)).not.toContain('token_key');
    expect(tracesOnDisk(path, [stored])).toEqual([]);
    expect(lines.join('\n')).toMatch(/comes from TOKEN_KEY only: removed from the database/);
  });

  it('refuses to start with another key than the database holds, or without the key its links were made with', async () => {
    const { path } = freshPath();
    server = await startServer({ databasePath: path });
    await addStations(server.url);
    await server.close();
    server = undefined;
    await expect(startServer({ databasePath: path, env: { TOKEN_KEY } })).rejects.toThrow(/TOKEN_KEY differs from the token key this database holds/);

    const other = freshPath();
    server = await startServer({ databasePath: other.path, env: { TOKEN_KEY } });
    await server.close();
    server = undefined;
    await expect(startServer({ databasePath: other.path })).rejects.toThrow(/made with TOKEN_KEY, which is not set/);
    await expect(startServer({ databasePath: other.path, env: { TOKEN_KEY: `${TOKEN_KEY}-other` } })).rejects.toThrow(/not the key this database's station links were made with/);
    server = await startServer({ databasePath: other.path, env: { TOKEN_KEY } });
  });

  it('must be 32 or more printable characters', async () => {
    await expect(startServer({ env: { TOKEN_KEY: 'too short' } })).rejects.toThrow(/TOKEN_KEY must be 32 to 512 printable ASCII/);
  });
});

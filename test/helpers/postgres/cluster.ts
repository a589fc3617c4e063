import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.ts';

const run = promisify(execFile);

/** A throwaway PostgreSQL server: its superuser `postgres` trusts every local connection. */
export interface Cluster {
  /** A connection URL for `database` as the superuser, over TCP on 127.0.0.1. */
  url(database: string): string;
  /** The data directory (its postmaster.pid names the server's process, for the benchmark's CPU figures). */
  readonly dataDir: string;
  /** Stops the server for good and removes its files. */
  stop(): Promise<void>;
  /** Stops the server as a crash would (`pg_ctl -m immediate`), keeping its files, to `resume` later. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port (crash recovery replays its WAL). */
  resume(): Promise<void>;
}

// Speed over durability: the data is thrown away at the end of the run. fsync=off still survives
// a crash of PostgreSQL itself (the OS keeps what was written); synchronous_commit=off does not.
const FAST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'];
const DURABLE_SETTINGS = ['fsync=off', 'synchronous_commit=on', 'full_page_writes=off', 'max_connections=300'];

/**
 * PostgreSQL refuses to run as root: as root, initdb and the server run as the `postgres` OS
 * user (Debian's package makes it), which then owns the temporary folder.
 */
async function asServerUser(bin: string, args: string[]): Promise<void> {
  const root = userInfo().uid === 0;
  await run(root ? 'runuser' : bin, root ? ['-u', 'postgres', '--', bin, ...args] : args);
}

async function serverUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * initdb in a new temporary folder, then the server on a free port of 127.0.0.1 with its socket in
 * that folder. `durable`: a commit is acknowledged only once its WAL is written, so a crash of the
 * server (`halt`) loses nothing acknowledged, as in production. `settings` (`name=value`) replace
 * both sets (the benchmark runs a production server's).
 */
export async function startCluster(bin: string, options: { durable?: boolean; settings?: string[] } = {}): Promise<Cluster> {
  const folder = mkdtempSync(join(tmpdir(), 'ringstuga-pg-'));
  const owner = await serverUserIds();
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const data = join(folder, 'data');
  const ctl = join(bin, 'pg_ctl');
  try {
    await asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const settings = options.settings ?? (options.durable ? DURABLE_SETTINGS : FAST_SETTINGS);
    const port = await startServer(ctl, data, folder, settings);
    return {
      url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
      dataDir: data,
      halt: () => asServerUser(ctl, ['stop', '-D', data, '-m', 'immediate', '-w']),
      resume: () => asServerUser(ctl, ['start', '-D', data, '-w', '-t', '60', '-l', join(folder, 'server.log'), '-o', serverOptions(port, folder, settings)]),
      stop: async () => {
        await asServerUser(ctl, ['stop', '-D', data, '-m', 'fast', '-w']).catch(() => undefined);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await asServerUser(ctl, ['stop', '-D', data, '-m', 'immediate']).catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

const serverOptions = (port: number, folder: string, settings: string[]): string =>
  [`-p ${port}`, `-k ${folder}`, "-c listen_addresses='127.0.0.1'", ...settings.map((setting) => `-c ${setting}`)].join(' ');

/** A free port may be taken before the server binds it: a few tries, each on a new port. */
async function startServer(ctl: string, data: string, folder: string, settings: string[]): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await asServerUser(ctl, ['start', '-D', data, '-w', '-t', '60', '-l', join(folder, 'server.log'), '-o', serverOptions(port, folder, settings)]);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

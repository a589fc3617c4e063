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
  stop(): Promise<void>;
}

// Speed over durability: the data is thrown away at the end of the run.
const FAST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'];

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

/** initdb in a new temporary folder, then the server on a free port of 127.0.0.1 with its socket in that folder. */
export async function startCluster(bin: string): Promise<Cluster> {
  const folder = mkdtempSync(join(tmpdir(), 'ringstuga-pg-'));
  const owner = await serverUserIds();
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const data = join(folder, 'data');
  const ctl = join(bin, 'pg_ctl');
  try {
    await asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await startServer(ctl, data, folder);
    return {
      url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
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

/** A free port may be taken before the server binds it: a few tries, each on a new port. */
async function startServer(ctl: string, data: string, folder: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${folder}`, "-c listen_addresses='127.0.0.1'", ...FAST_SETTINGS.map((setting) => `-c ${setting}`)];
    try {
      await asServerUser(ctl, ['start', '-D', data, '-w', '-t', '60', '-l', join(folder, 'server.log'), '-o', options.join(' ')]);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

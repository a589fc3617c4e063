import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import pg from 'pg';
import { LEADERBOARD_CLOCK_APPLICATION, LEADERBOARD_LOCK_KEY } from '../../../server/src/realtime/leaderboard-clock.ts';

/** The connection holding the leaderboard clock's lock: its node's id and its local TCP port on that node. */
export interface ClockHolder {
  nodeId: string;
  clientPort: number;
}

/**
 * Who holds the leaderboard clock of the client's database now, as PostgreSQL sees it (undefined:
 * nobody). Advisory locks are per database: another test file's nodes hold the same key in theirs.
 */
export async function clockHolder(client: pg.Client): Promise<ClockHolder | undefined> {
  const { rows } = await client.query<{ name: string; port: number }>(
    `SELECT a.application_name AS name, a.client_port AS port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.classid = 0 AND l.objid = $1 AND l.granted`,
    [LEADERBOARD_LOCK_KEY],
  );
  const row = rows[0];
  if (!row?.name.startsWith(LEADERBOARD_CLOCK_APPLICATION)) return undefined;
  return { nodeId: row.name.slice(LEADERBOARD_CLOCK_APPLICATION.length), clientPort: row.port };
}

/** The socket inodes a process has open (its /proc fd links read `socket:[inode]`). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/**
 * Which of `pids` has a TCP socket on local port `port` (Linux: /proc/net/tcp names each socket's
 * local address and inode). A node process started from a bundle does not say its node id; its
 * clock connection's port, which PostgreSQL does show, tells which process holds the clock.
 */
export function processWithLocalPort(pids: readonly number[], port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[9]) inodes.add(fields[9]);
    }
  }
  return pids.find((pid) => [...socketInodes(pid)].some((inode) => inodes.has(inode)));
}

/**
 * The clock's holder once `accept` takes it, read on a connection of its own every `everyMs`
 * (bounded: `tries` reads); else the last holder seen.
 */
export async function pollClockHolder(
  url: string,
  accept: (holder: ClockHolder | undefined) => boolean,
  tries: number,
  everyMs: number,
): Promise<ClockHolder | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let holder: ClockHolder | undefined;
    for (let i = 0; i < tries; i += 1) {
      holder = await clockHolder(client);
      if (accept(holder)) return holder;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    return holder;
  } finally {
    await client.end();
  }
}

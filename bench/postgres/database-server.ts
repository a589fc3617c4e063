// The benchmark's own throwaway PostgreSQL, set as a production server would run it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBin, MISSING_POSTGRES } from '../../test/helpers/postgres/binaries.ts';
import { startCluster } from '../../test/helpers/postgres/cluster.ts';

/**
 * PostgreSQL's defaults for durability (fsync, synchronous_commit and full_page_writes on): an
 * acknowledged outcome is on disk, as the kill -9 tests demand of a real deployment. The tests'
 * fsync=off would flatter every write. Only the connection cap is raised: three nodes' pools,
 * their adapters, presence and clocks.
 */
export const PRODUCTION_SETTINGS = ['fsync=on', 'synchronous_commit=on', 'full_page_writes=on', 'max_connections=200'];

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;

export interface BenchPostgres {
  url(database: string): string;
  /** CPU time (ms) of the server: the postmaster, its live children, and the children it has reaped. */
  cpuMs(): number;
  /** A new database cloned from `template` (or empty), dropped again by the returned function. */
  createDatabase(name: string, template?: string): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

function statFields(pid: number): string[] | undefined {
  try {
    // After the command's closing parenthesis: field 4 (ppid) is [1], utime [11], stime [12], cutime [13], cstime [14].
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined; // ended meanwhile
  }
}

function serverCpuMs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  // Backends that ended are in the postmaster's cutime/cstime; the live ones are read one by one.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** `extra` settings (`name=value`) go after the production ones: a profiling run adds pg_stat_statements. */
export async function startBenchPostgres(extra: string[] = []): Promise<BenchPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(MISSING_POSTGRES);
  const cluster = await startCluster(bin, { settings: [...PRODUCTION_SETTINGS, ...extra] });
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    url: (database) => cluster.url(database),
    cpuMs: () => serverCpuMs(postmaster),
    createDatabase: async (name, template) => {
      await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    stop: () => cluster.stop(),
  };
}

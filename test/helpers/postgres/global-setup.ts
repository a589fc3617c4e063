import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../../server/src/db/pg/migrate.ts';
import { MISSING_POSTGRES, postgresBin } from './binaries.ts';
import { startCluster, type Cluster } from './cluster.ts';

/** What tests get through `inject('postgres')`: where the server is, and the migrated template's name. */
export interface PostgresContext {
  /** `postgres://postgres@127.0.0.1:<port>/`: add a database name. */
  serverUrl: string;
  template: string;
  /** How a test database is cloned from the template: see `makeTemplate`. */
  cloneClause: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresContext | null;
  }
}

export const TEMPLATE_DATABASE = 'ringstuga_template';

/**
 * Creates the template database and applies every PostgreSQL migration to it; per-file databases are
 * cloned from it. Returns how to clone it: PostgreSQL 15+ copies the files (`STRATEGY FILE_COPY`, a
 * third of the default WAL_LOG's time here; its checkpoint costs little with the test cluster's fsync=off).
 */
async function makeTemplate(cluster: Cluster): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const pool = new pg.Pool({ connectionString: cluster.url(TEMPLATE_DATABASE), max: 1 });
    try {
      await migratePostgres(pool);
    } finally {
      await pool.end();
    }
    // No connections: CREATE DATABASE … TEMPLATE refuses a template someone is connected to.
    await admin.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    const version = Number((await admin.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]!.server_version_num);
    return version >= 150000 ? ' STRATEGY FILE_COPY' : '';
  } finally {
    await admin.end();
  }
}

// Several projects (integration, e2e, …) list this file; vitest loads it once per project, in one
// process: they share one cluster, stopped when the last of them tears down.
interface Shared {
  cluster: Promise<{ cluster: Cluster; cloneClause: string } | null>;
  users: number;
}
const holder = globalThis as { ringstugaPostgres?: Shared };

async function start(): Promise<{ cluster: Cluster; cloneClause: string } | null> {
  if (!postgresBin) {
    if (process.env.TEST_STORE === 'postgres') throw new Error(`npm run test:postgres: ${MISSING_POSTGRES}`);
    return null; // describeWithPostgres skips, or fails under CI=true.
  }
  const cluster = await startCluster(postgresBin);
  try {
    return { cluster, cloneClause: await makeTemplate(cluster) };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** vitest globalSetup: one throwaway PostgreSQL for the whole run, when its binaries are there. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder.ringstugaPostgres ??= { cluster: start(), users: 0 });
  shared.users++;
  const started = await shared.cluster;
  project.provide('postgres', started && { serverUrl: started.cluster.url(''), template: TEMPLATE_DATABASE, cloneClause: started.cloneClause });
  return async () => {
    if (--shared.users > 0) return;
    holder.ringstugaPostgres = undefined;
    await started?.cluster.stop();
  };
}

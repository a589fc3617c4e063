import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { PostgresContext } from './global-setup.ts';

function context(): PostgresContext {
  const postgres = inject('postgres');
  if (!postgres) throw new Error('no PostgreSQL for this run: is test/helpers/postgres/global-setup.ts in this project\'s globalSetup?');
  return postgres;
}

async function asAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: `${serverUrl}postgres` });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A new database of its own: `migrated` clones the template (every migration applied), otherwise it
 * is empty (for tests of the migrations themselves).
 */
export async function createDatabase(options: { migrated: boolean } = { migrated: true }): Promise<TestDatabase> {
  if (!options.migrated) return makeDatabase(false);
  // Cloning takes PostgreSQL ~60–180 ms (FILE_COPY; WAL_LOG three times that), which every test that
  // starts a server waited for. The next clone is made while the caller runs, so the next caller usually finds it ready.
  const next = spare ?? makeDatabase(true);
  spare = makeDatabase(true);
  // Not waited for if no one asks again (the cluster goes at the end of the run); a failure here is
  // met again, and thrown, by the caller who takes it.
  spare.catch(() => undefined);
  return next;
}

/** The migrated database made ahead for the next caller in this process. */
let spare: Promise<TestDatabase> | undefined;

async function makeDatabase(migrated: boolean): Promise<TestDatabase> {
  // Read now: a database made ahead finishes while another file (of a project without it) may run.
  const { serverUrl, template, cloneClause } = context();
  const name = `test_${process.pid}_${randomUUID().slice(0, 8)}`;
  await asAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}${migrated ? ` TEMPLATE ${template}${cloneClause}` : ''}`));
  return {
    name,
    url: `${serverUrl}${name}`,
    drop: () => asAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database for the file (or describe block): made before its tests, dropped after. Returns its URL. */
export function postgresDatabase(options: { migrated: boolean } = { migrated: true }): () => string {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createDatabase(options);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('the database is not made yet');
    return database.url;
  };
}

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { PostgresContext } from './global-setup.ts';

function context(): PostgresContext {
  const postgres = inject('postgres');
  if (!postgres) throw new Error('no PostgreSQL for this run: is test/helpers/postgres/global-setup.ts in this project\'s globalSetup?');
  return postgres;
}

async function asAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: `${context().serverUrl}postgres` });
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
 * A new database of its own: `migrated` clones the template (every migration applied, in
 * milliseconds), otherwise it is empty (for tests of the migrations themselves).
 */
export async function createDatabase(options: { migrated: boolean } = { migrated: true }): Promise<TestDatabase> {
  const name = `test_${process.pid}_${randomUUID().slice(0, 8)}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${name}${options.migrated ? ` TEMPLATE ${context().template}` : ''}`));
  return {
    name,
    url: `${context().serverUrl}${name}`,
    drop: () => asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
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

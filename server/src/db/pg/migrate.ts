import { resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Pool } from 'pg';
import { MIGRATIONS_FOLDER } from '../../paths.ts';
import { createPool } from '../store/pg-store.ts';
import { endPool } from './connection-limits.ts';

/** drizzle-kit's PostgreSQL migrations (drizzle.postgres.config.ts), beside SQLite's. */
export const POSTGRES_MIGRATIONS_FOLDER = resolve(MIGRATIONS_FOLDER, 'postgres');

/** The advisory lock key migrations hold ("Ring" in ASCII): fixed, so every node asks for the same lock. */
export const MIGRATION_LOCK_KEY = 0x52696e67;

/** PostgreSQL's SQLSTATE for a user without the right (here: to create the schema's tables and functions). */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Applies pending PostgreSQL migrations, one node at a time: nodes starting together wait for the
 * session-level advisory lock, and the one after the first finds nothing left to apply (drizzle's
 * journal, drizzle.__drizzle_migrations, says so). Lock, migrations and unlock run on one
 * connection, since an advisory lock belongs to the session that took it.
 */
export async function migratePostgres(pool: Pool, migrationsFolder: string = POSTGRES_MIGRATIONS_FOLDER): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    // drizzle wraps PostgreSQL's error (the failed query's text, the error as its cause).
    const refusal = [broken, broken.cause].find((e): e is Error & { code: string } => e instanceof Error && (e as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE);
    throw refusal
      ? new Error(`PostgreSQL refused the migrations (${refusal.message}): the user in DATABASE_URL must own its database (README, "PostgreSQL and several nodes")`, { cause: error })
      : error;
  } finally {
    // A connection that failed may still hold the lock: destroyed, not returned to the pool, it cannot.
    client.release(broken);
  }
}

/**
 * Migrates the database at `url` as a node does at start (and `npm run db:migrate`): on a connection
 * of its own without the query timeout (a migration may take long, and so may the wait for another node's).
 */
export async function migratePostgresAt(url: string): Promise<void> {
  const pool = createPool(url, { maxConnections: 1, queryTimeout: false });
  try {
    await migratePostgres(pool);
  } finally {
    await endPool(pool);
  }
}

// The PostgreSQL template database each run is cloned from (CREATE DATABASE … TEMPLATE: a file copy).
import { migratePostgres } from '../../server/src/db/pg/migrate.ts';
import { createPool, PgStore } from '../../server/src/db/store/pg-store.ts';
import { BENCH_STATIONS } from '../fixtures.ts';
import type { BenchPostgres } from './database-server.ts';
import { seedDemoThroughStore } from './seed.ts';

export interface Seeded {
  contacts: number;
  seconds: number;
}

/** Migrated as a node migrates at start, seeded through the store, then vacuumed and analysed as autovacuum would after the load. */
export async function seedTemplate(postgres: BenchPostgres, name: string): Promise<Seeded> {
  await postgres.createDatabase(name);
  const pool = createPool(postgres.url(name), { maxConnections: 1 });
  const store = new PgStore(pool);
  try {
    const started = performance.now();
    await migratePostgres(pool);
    const { contacts } = await seedDemoThroughStore(store, BENCH_STATIONS);
    const seconds = (performance.now() - started) / 1000;
    // VACUUM too: otherwise autovacuum would visit the template's 97 k new rows in the middle of a
    // row (its CPU counted as the cycles'), and each clone's first reads would set every hint bit.
    // Only the tables that hold rows: an empty one (calls, assignments) stays "never analysed", as
    // autovacuum leaves a table nothing was written to, which the planner reads as "size unknown".
    // Analysed empty, it is "empty", and a plan made at the run's start scans it whole as it fills.
    const { rows } = await pool.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    for (const { name: table } of rows) {
      const written = (await pool.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS written`)).rows[0].written as boolean;
      if (written) await pool.query(`VACUUM ANALYZE ${table}`);
    }
    return { contacts, seconds };
  } finally {
    await store.close();
  }
}

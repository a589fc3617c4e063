// `npm run db:migrate`: applies pending migrations to DATABASE_URL's PostgreSQL database if set,
// else to DATABASE_PATH, and exits. (Servers also migrate at start; on PostgreSQL under a lock.)
import { loadConfig } from '../config.ts';
import { openDatabase } from './open.ts';
import { migratePostgres } from './pg/migrate.ts';
import { createPool } from './store/pg-store.ts';
import { databaseName } from './database-name.ts';

try {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    // As a node migrates: one connection, no query timeout (a migration, or the wait for a node's, may take long).
    const pool = createPool(config.databaseUrl, { maxConnections: 1, queryTimeout: false });
    try {
      await migratePostgres(pool);
    } finally {
      await pool.end();
    }
  } else {
    openDatabase(config.databasePath).$client.close();
  }
  console.log(`Migrated ${databaseName(config)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

// `npm run db:migrate`: applies pending migrations to DATABASE_URL's PostgreSQL database if set,
// else to DATABASE_PATH, and exits. (Servers also migrate at start; on PostgreSQL under a lock.)
import { loadConfig } from '../config.ts';
import { openDatabase } from './open.ts';
import { migratePostgresAt } from './pg/migrate.ts';
import { databaseName } from './database-name.ts';

try {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    await migratePostgresAt(config.databaseUrl);
  } else {
    openDatabase(config.databasePath).$client.close();
  }
  console.log(`Migrated ${databaseName(config)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

// `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits.
import { loadConfig } from '../config.ts';
import { openDatabase } from './open.ts';

const config = loadConfig(process.env);
openDatabase(config.databasePath).$client.close();
console.log(`Migrated ${config.databasePath}`);

import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations (`npm run db:generate:postgres`), from db/pg-schema.ts. SQLite's
// drizzle-kit and migrator read only migrations/meta and the journal's files, never this subfolder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/pg-schema.ts',
  out: './migrations/postgres',
});

// setupFiles under `npm run test:postgres` (TEST_STORE=postgres): each test file gets its own
// database, cloned from the migrated template, as DATABASE_URL, the variable that selects the
// PostgreSQL store. Set before the test file is imported, so config read at import sees it.
import { afterAll } from 'vitest';
import { createDatabase } from './database.ts';

const database = await createDatabase();
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  delete process.env.DATABASE_URL;
  await database.drop();
});

// setupFiles under `npm run test:postgres` (TEST_STORE=postgres): each test file gets its own
// database, cloned from the migrated template, as DATABASE_URL, the variable that selects the
// PostgreSQL store. Set before the test file is imported, so config read at import sees it.
import { afterAll } from 'vitest';
import { createDatabase } from './database.ts';

const database = await createDatabase();
process.env.DATABASE_URL = database.url;

// Two statements at once on one connection (a read's or a write's, e.g. under Promise.all): pg 8
// queues the second and warns once per process; pg 9 will refuse it. Here it fails the file it came in.
let overlapping: Error | undefined;
const onWarning = (warning: Error) => {
  if (warning.message.includes('already executing a query')) overlapping ??= warning;
};
process.on('warning', onWarning);

afterAll(async () => {
  process.off('warning', onWarning);
  delete process.env.DATABASE_URL;
  await database.drop();
  if (overlapping) throw new Error(`two statements ran at once on one connection: run them one after another\n${overlapping.stack}`);
});

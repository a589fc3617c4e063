// setupFiles under `npm run test:postgres` (TEST_STORE=postgres): each test file gets its own
// database, cloned from the migrated template, as DATABASE_URL, the variable that selects the
// PostgreSQL store. Set before the test file is imported, so config read at import sees it.
import pg from 'pg';
import { afterAll } from 'vitest';
import { createDatabase } from './database.ts';

const database = await createDatabase();
process.env.DATABASE_URL = database.url;

// A statement sent on a connection still running another (a read's or a write's, e.g. under
// Promise.all): pg 8 queues it (and warns only from the third on, once per process); pg 9 will
// refuse it. Watched in this process while the file runs, and the file fails for it.
type Busy = { _activeQuery?: unknown; _queryQueue?: unknown[] };
let overlapping: Error | undefined;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client & Busy, ...args: unknown[]) {
  if (this._activeQuery || this._queryQueue?.length) overlapping ??= new Error('a statement was sent while its connection ran another');
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterAll(async () => {
  pg.Client.prototype.query = query;
  delete process.env.DATABASE_URL;
  await database.drop();
  if (overlapping) throw new Error(`two statements at once on one connection: run them one after another\n${overlapping.stack}`);
});

/**
 * True under `npm run test:postgres` (TEST_STORE=postgres), where every test server and test file
 * runs on PostgreSQL. Tests about SQLite itself (its file, WAL, pragmas, the write batcher) skip
 * with `describe.skipIf(onPostgres)` and say why.
 */
export const onPostgres = process.env.TEST_STORE === 'postgres';

import { openDatabase } from '../../server/src/db/open.ts';
import { migratePostgres } from '../../server/src/db/pg/migrate.ts';
import { createPool, PgStore } from '../../server/src/db/store/pg-store.ts';
import { SqliteStore } from '../../server/src/db/store/sqlite-store.ts';
import type { Store } from '../../server/src/db/store/store.ts';
import { settleTokenKey } from '../../server/src/db/token-key.ts';
import { WriteBatcher } from '../../server/src/db/write-batcher.ts';
import type { Fixture } from '../factories/campaign.ts';
import { tempDatabasePath } from './server.ts';

export interface TestStore extends Fixture {
  store: Store;
  close(): Promise<void>;
}

/**
 * A migrated store without a server, for tests of repositories and read models: a temp SQLite
 * file, or under TEST_STORE=postgres a PostgreSQL database of its own (each call a fresh one).
 */
export async function openTestStore(): Promise<TestStore> {
  if (process.env.TEST_STORE === 'postgres') {
    // Imported here: it reads vitest's injected context, which only the PostgreSQL run provides.
    const { createDatabase } = await import('./postgres/database.ts');
    const database = await createDatabase();
    const pool = createPool(database.url);
    await migratePostgres(pool);
    const store = new PgStore(pool);
    const { key } = await settleTokenKey(store, undefined);
    return {
      store,
      tokenKey: key,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  }
  const temp = tempDatabasePath();
  const db = openDatabase(temp.path);
  const store = new SqliteStore(db, new WriteBatcher(db.$client));
  const { key } = await settleTokenKey(store, undefined);
  return {
    store,
    tokenKey: key,
    close: async () => {
      db.$client.close();
      temp.cleanup();
    },
  };
}

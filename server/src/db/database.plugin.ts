import fp from 'fastify-plugin';
import type { Db } from './open.ts';
import { openAppDatabase } from './open-app-database.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { tokenKey } from './token-key.ts';
import { WriteBatcher } from './write-batcher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage boundary every feature reads and writes through. */
    store: Store;
    /** The key station, personal and other link tokens are derived from (db/token-key.ts), settled at start. */
    tokenKey: string;
    /** @deprecated The SQLite connection, for the features not yet moved onto `store`. */
    db: Db;
    /** @deprecated Group commit, for the features not yet moved onto `store` (whose writes go through it). */
    writes: WriteBatcher;
  }
}

/** The database file and the write batcher every write goes through. */
export const databasePlugin = fp(
  async (app) => {
    const db = openAppDatabase(app.config, app.log);
    const writes = new WriteBatcher(db.$client);
    app.decorate('db', db);
    app.decorate('writes', writes);
    app.decorate('store', new SqliteStore(db, writes));
    app.decorate('tokenKey', tokenKey(db));
    // First of the closing steps: commit what is queued and refuse what comes later, so every
    // request read from now on is answered ("try again") before realtime drops the connections.
    app.addHook('preClose', async () => writes.close());
    // Last of all (onClose runs in reverse order of registration).
    app.addHook('onClose', async () => db.$client.close());
  },
  { name: 'database' },
);

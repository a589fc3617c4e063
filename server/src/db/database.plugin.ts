import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Db } from './open.ts';
import { openAppDatabase } from './open-app-database.ts';
import { migratePostgresAt } from './pg/migrate.ts';
import { createPool, PgStore } from './store/pg-store.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { settleTokenKey } from './token-key.ts';
import { WriteBatcher } from './write-batcher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage boundary every feature reads and writes through: SQLite, or PostgreSQL with DATABASE_URL. */
    store: Store;
    /** The key station, personal and other link tokens are derived from (db/token-key.ts), settled at start. */
    tokenKey: string;
    /** The SQLite connection, for tests and seeds that set a database up directly (not there on PostgreSQL). */
    db: Db;
    /**
     * Work in flight that must still write when the server closes (the email being sent, marked
     * delivered after SMTP's answer): `finish` runs at the start of closing, before writes are refused.
     */
    finishBeforeWritesClose: (finish: () => Promise<void>) => void;
  }
}

/** The store (an SQLite file, or PostgreSQL when DATABASE_URL is set), migrated, with the token key settled. */
export const databasePlugin = fp(
  async (app) => {
    const finishing: (() => Promise<void>)[] = [];
    app.decorate('finishBeforeWritesClose', (finish: () => Promise<void>) => {
      finishing.push(finish);
    });
    const finishWork = async () => {
      await Promise.all(finishing.map((finish) => finish()));
    };
    // The first of the closing steps (registered before every feature's).
    app.addHook('preClose', finishWork);
    const { store, close } = app.config.databaseUrl ? await openPostgres(app, app.config.databaseUrl) : openSqlite(app);
    let settled: Awaited<ReturnType<typeof settleTokenKey>>;
    try {
      settled = await settleTokenKey(store, app.config.tokenKey);
    } catch (error) {
      // A key that does not match the database stops the start, with the database closed again.
      await close();
      throw error;
    }
    if (settled.source === 'moved-out-of-database') app.log.warn('the station token key now comes from TOKEN_KEY only: removed from the database');
    app.decorate('store', store);
    app.decorate('tokenKey', settled.key);
    // Last of all (onClose runs in reverse order of registration).
    app.addHook('onClose', close);
  },
  { name: 'database' },
);

interface Opened {
  store: Store;
  close: () => Promise<void>;
}

function openSqlite(app: FastifyInstance): Opened {
  const db = openAppDatabase(app.config, app.log);
  const writes = new WriteBatcher(db.$client);
  app.decorate('db', db);
  // First of the closing steps: commit what is queued and refuse what comes later, so every
  // request read from now on is answered ("try again") before realtime drops the connections.
  app.addHook('preClose', async () => writes.close());
  return {
    store: new SqliteStore(db, writes),
    close: async () => {
      db.$client.close();
    },
  };
}

async function openPostgres(app: FastifyInstance, url: string): Promise<Opened> {
  // Several nodes may start at once: migrations run under an advisory lock, once.
  await migratePostgresAt(url);
  const pool = createPool(url, { onIdleError: (error) => app.log.warn({ reason: error.message }, 'a PostgreSQL connection closed while idle; the next request opens another') });
  const store = new PgStore(pool);
  return { store, close: () => store.close() };
}

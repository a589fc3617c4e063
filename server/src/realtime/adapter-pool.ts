import type pg from 'pg';
import { endPool } from '../db/pg/connection-limits.ts';
import { createPool } from '../db/store/pg-store.ts';

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * The pool socket.io's PostgreSQL adapter runs on, and an end of it that does not hang.
 *
 * The adapter (0.5) keeps one pooled connection checked out for LISTEN and does not always give it
 * back: when that connection ends (PostgreSQL stopped or was lost) it forgets it and takes another
 * every ~2 s, and a connection it was still taking when the node closed arrives after its close.
 * `pool.end()` waits for every connection given out, so a node that had lost PostgreSQL, or was
 * closed right after starting, never finished closing. So `end` gives back what is still out
 * (without the adapter's 'end' listener, which would only schedule another try, as the adapter's
 * own close does with the connection it knows); and from then on the adapter's tries to take a
 * connection wait forever instead of failing into yet another retry timer.
 */
export function createAdapterPool(databaseUrl: string): { pool: pg.Pool; end(): Promise<void> } {
  const pool = createPool(databaseUrl, { maxConnections: 2 });
  // The LISTEN connections out now; one given back may later serve a query with the same object.
  const listening = new Set<pg.PoolClient>();
  pool.on('release', (_error, client) => listening.delete(client));
  let ending = false;
  const never = new Promise<never>(() => undefined);
  const giveBack = (client: pg.PoolClient) => {
    client.removeAllListeners('end');
    // As broken: the pool closes it instead of keeping it (it may be dead).
    client.release(true);
  };
  const connect = pool.connect.bind(pool);
  // The adapter's LISTEN connection is the only one taken without a callback (pool.query passes one).
  pool.connect = ((callback?: ConnectCallback) => {
    if (callback) return connect(callback);
    if (ending) return never;
    // The adapter listens on one connection: asking for another means it forgot the last one (it
    // ended, or its LISTEN failed) without giving it back. Kept, it would hold one of the pool's two
    // places for good, and every NOTIFY after a second loss would wait for a place forever.
    for (const forgotten of listening) giveBack(forgotten);
    return connect().then((client) => {
      if (!ending) {
        listening.add(client);
        return client;
      }
      giveBack(client);
      return never;
    });
  }) as typeof pool.connect;
  return {
    pool,
    async end() {
      ending = true;
      // Only the LISTEN connections: one a query still uses is given back by that query.
      for (const client of listening) giveBack(client);
      // Bounded: over a silent network a connection never finishes its goodbye.
      await endPool(pool);
    },
  };
}

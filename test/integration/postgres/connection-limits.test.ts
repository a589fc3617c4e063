import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { connectionLimits, endConnection, endPool, timedOut } from '../../../server/src/db/pg/connection-limits.ts';
import { createPool } from '../../../server/src/db/store/pg-store.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { linkToDatabase, type DatabaseLink } from '../../helpers/postgres/database-link.ts';

let database: TestDatabase | undefined;
let link: DatabaseLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
  await database?.drop();
  database = undefined;
});

describeWithPostgres('a connection over a network that drops every packet', () => {
  it('fails a statement with the error the store takes for a timeout, and still ends', async () => {
    database = await createDatabase();
    link = await linkToDatabase(database.url);
    // The node's options, with a short query timeout so the test need not wait 30 s for the real one.
    const client = new pg.Client({ connectionString: link.url, ...connectionLimits, query_timeout: 300 });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('SELECT 1');
    link.cut('silence');
    const failed = await client.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    // By its message: pg's timeout has no code, and the store must tell it from every other error.
    expect(timedOut(failed)).toBe(true);
    expect(timedOut(new Error('relation "nowhere" does not exist'))).toBe(false);
    // A graceful end would wait for a goodbye that never comes: this one destroys the socket.
    await endConnection(client);
  });

  it('gives up connecting once nothing answers', async () => {
    database = await createDatabase();
    link = await linkToDatabase(database.url);
    link.cut('silence');
    const client = new pg.Client({ connectionString: link.url, ...connectionLimits, connectionTimeoutMillis: 300 });
    await expect(client.connect()).rejects.toThrow();
  });
});

describeWithPostgres('the store\'s pool', () => {
  it('keeps the connections it made however long they sit idle (a new one starts cold)', async () => {
    database = await createDatabase();
    // Only the timers: pg's own idle timeout is one (10 s by default), and the sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pool = createPool(database.url);
    try {
      await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.05)')));
      expect(pool.totalCount).toBe(3);
      vi.advanceTimersByTime(10 * 60_000);
      expect(pool.totalCount).toBe(3);
    } finally {
      vi.useRealTimers();
      await endPool(pool);
    }
  });
});

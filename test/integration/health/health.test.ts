import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { linkToDatabase, type DatabaseLink } from '../../helpers/postgres/database-link.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

let server: TestServer | undefined;
let link: DatabaseLink | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await link?.close();
  link = undefined;
  await database?.drop();
  database = undefined;
});

/**
 * A server whose database the test can take away: on SQLite its connection is closed; on
 * PostgreSQL the server reaches its own database through a relay that the test cuts, so the run's
 * PostgreSQL and every other file's database carry on.
 */
async function startWithLosableDatabase(how: 'refuse' | 'silence' = 'refuse'): Promise<{ server: TestServer; loseDatabase(): void }> {
  if (!onPostgres) {
    const started = await startServer();
    return { server: started, loseDatabase: () => started.app.db.$client.close() };
  }
  database = await createDatabase();
  link = await linkToDatabase(database.url);
  const relayed = link;
  // `refuse`: PostgreSQL stopped, every connection ends and new ones are refused. `silence`: the
  // network dropped every packet, without a reset (connections stay open and nothing answers).
  return { server: await startServer({ databaseUrl: relayed.url }), loseDatabase: () => relayed.cut(how) };
}

const settles = (closing: Promise<void>, withinMs: number) =>
  Promise.race([closing.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, withinMs, 'still closing'))]);

describe('GET /api/health (the container health check)', () => {
  it('answers 200 { ok: true } without a token while the database can be read', async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 503 { ok: false }, still without a token and with no figures, once the database cannot be read', async () => {
    const started = await startWithLosableDatabase();
    server = started.server;
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    started.loseDatabase();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false });
  });

  it('lets the server close after it lost its database, without waiting for it to come back', async () => {
    const started = await startWithLosableDatabase();
    server = started.server;
    started.loseDatabase();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    const closing = server.close();
    server = undefined;
    // Not a speed check: closing took no time here; before the fix it never ended on PostgreSQL.
    expect(await settles(closing, 20_000)).toBe('closed');
  });

  // SQLite has no network to lose.
  it.skipIf(!onPostgres)('answers 503 and still closes when packets to PostgreSQL are silently dropped', async () => {
    const started = await startWithLosableDatabase('silence');
    server = started.server;
    // Connections in the pool, and a LISTEN, a clock and presence on their own: all go silent.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    started.loseDatabase();
    // Bounded waits, not speed checks: before the fix neither the answer nor the close ever came.
    const answered = fetch(`${server.url}/api/health`).then((response) => response.status);
    expect(await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 20_000, 'no answer'))])).toBe(503);
    const closing = server.close();
    server = undefined;
    expect(await settles(closing, 30_000)).toBe('closed');
  });
});

import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { associations, municipalities } from '../../../server/src/db/schema.ts';
import { ERASED_TABLES } from '../../../server/src/features/privacy/erasure.repo.ts';
import { PURGE_CONFIRMATION } from '../../../server/src/features/privacy/erasure.routes.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';

let database: TestDatabase | undefined;
let server: TestServer | undefined;
let station: StationClient | undefined;
afterEach(async () => {
  station?.close();
  await server?.close();
  await database?.drop();
  [station, server, database] = [undefined, undefined, undefined];
});

async function call(method: string, path: string, body?: string, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(`${server!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body && { 'content-type': contentType }) },
    body,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** How many times each table has been VACUUMed (plain VACUUM; FULL is a rewrite and not counted here). */
async function vacuums(tables: readonly string[]): Promise<Record<string, number>> {
  const rows = await sql<{ relname: string; n: number }>(`SELECT relname, vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = ANY($1)`, [tables]);
  return Object.fromEntries(tables.map((table) => [table, rows.find((row) => row.relname === table)?.n ?? 0]));
}

const PHONE = '+46701234567';

describeWithPostgres('erasure on PostgreSQL', () => {
  it('deletes a person\'s rows and VACUUMs every table that held them; the purge empties them and VACUUMs again', async () => {
    database = await createDatabase();
    server = await startServer({ env: { DATABASE_URL: database.url } });
    const associationId = await server.app.store.write(async (q) => {
      await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
      const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
      return made!.id;
    });
    const list = (await call('POST', '/api/lists', JSON.stringify({ name: 'Medlemmar', associationId }))) as { id: number };
    await call('POST', `/api/lists/${list.id}/import`, 'Namn;Telefon\r\nAnna Andersson;070-123 45 67\r\nBo Berg;0701234568\r\n', 'text/csv');
    await call('POST', '/api/rooms/1/stations', JSON.stringify({ count: 1 }));
    const { stations } = (await call('GET', '/api/stations')) as { stations: { token: string }[] };
    station = await connectStation(server.url, stations[0]!.token);
    // A call to each: both people have a contact row and a call row.
    for (let n = 0; n < 2; n += 1) {
      const assignment = assignmentOf(await station.emitWithAck('contact:next'));
      await expect(station.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
    }
    const held = async () => (await sql<{ n: number }>(`SELECT COUNT(*)::int AS n FROM contacts WHERE phone = $1`, [PHONE]))[0]!.n;
    expect(await held()).toBe(1);

    const before = await vacuums(ERASED_TABLES);
    await call('DELETE', `/api/people/${encodeURIComponent(PHONE)}`);
    expect(await held()).toBe(0);
    const calls = await sql<{ n: number }>(`SELECT COUNT(*)::int AS n FROM calls`);
    expect(calls[0]!.n, 'the other person\'s call stays').toBe(1);
    const after = await vacuums(ERASED_TABLES);
    for (const table of ERASED_TABLES) expect(after[table], `${table} VACUUMed after the erasure`).toBeGreaterThan(before[table]!);

    await call('POST', '/api/purge', JSON.stringify({ confirm: PURGE_CONFIRMATION }));
    const left = await sql<{ contacts: number; calls: number }>(`SELECT (SELECT COUNT(*) FROM contacts)::int AS contacts, (SELECT COUNT(*) FROM calls)::int AS calls`);
    expect(left).toEqual([{ contacts: 0, calls: 0 }]);
    const purged = await vacuums(ERASED_TABLES);
    for (const table of ERASED_TABLES) expect(purged[table], `${table} VACUUMed after the purge`).toBeGreaterThan(after[table]!);
  });
});

import { afterEach, expect, it } from 'vitest';
import { OUTCOME_RULES } from '@ringstuga/shared';
import { associations, municipalities } from '../../../server/src/db/schema.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';

let database: TestDatabase | undefined;
let server: TestServer | undefined;
let station: StationClient | undefined;
afterEach(async () => {
  station?.close();
  await server?.close();
  await database?.drop();
  [station, server, database] = [undefined, undefined, undefined];
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
async function call<T>(method: string, path: string, body?: string, contentType = 'application/json'): Promise<T> {
  const response = await fetch(`${server!.url}${path}`, { method, headers: { ...admin, ...(body && { 'content-type': contentType }) }, body });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describeWithPostgres('the server on PostgreSQL (DATABASE_URL)', () => {
  it('imports a list, hands its contacts to a station, records outcomes and counts them, over HTTP and sockets only', async () => {
    database = await createDatabase();
    server = await startServer({ env: { DATABASE_URL: database.url } });
    expect(server.app.store.dialect).toBe('postgres');
    // Associations come from the seed (no route makes one): written through the store.
    const associationId = await server.app.store.write(async (q) => {
      await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
      const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
      return made!.id;
    });
    const list = await call<{ id: number }>('POST', '/api/lists', JSON.stringify({ name: 'Medlemmar', associationId }));
    const csv = 'Namn;Telefon\r\nAnna Andersson;070-123 45 67\r\nBo Berg;0701234568\r\nCilla Ceder;0701234569\r\n';
    await call('POST', `/api/lists/${list.id}/import`, csv, 'text/csv');
    await call('POST', '/api/rooms/1/stations', JSON.stringify({ count: 1 }));
    const { stations } = await call<{ stations: { token: string }[] }>('GET', '/api/stations');
    station = await connectStation(server.url, stations[0]!.token);

    const seen = new Set<string>();
    const outcomes = ['conversation', 'no_answer', 'declined'] as const;
    for (const outcome of outcomes) {
      const assignment = assignmentOf(await station.emitWithAck('contact:next'));
      seen.add(assignment.contact.phone);
      // The same outcome twice (a retry): counted once.
      const report = { assignmentId: assignment.id, outcome };
      await expect(station.emitWithAck('call:outcome', report)).resolves.toMatchObject({ ok: true });
      await expect(station.emitWithAck('call:outcome', report)).resolves.toMatchObject({ ok: true });
    }
    expect(seen.size).toBe(3);
    // The no-answer waits for its cool-down: nothing more to hand out now.
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ ok: true, assignment: null, reason: 'cooling_down' });
    const stats = await call<{ attempts: number; answered: number; conversations: number }>('GET', '/api/stats');
    expect(stats).toMatchObject({
      attempts: 3,
      answered: outcomes.filter((outcome) => OUTCOME_RULES[outcome].reached).length,
      conversations: outcomes.filter((outcome) => OUTCOME_RULES[outcome].conversation).length,
    });
  });
});

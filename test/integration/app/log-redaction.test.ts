import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/open.ts';
import { createPool, PgStore } from '../../../server/src/db/store/pg-store.ts';
import { settleTokenKey } from '../../../server/src/db/token-key.ts';
import { buildContacts, buildList, buildStations, type Fixture } from '../../factories/campaign.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { sqliteFixture } from '../../helpers/sqlite-fixture.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { api, postCsv } from '../../helpers/http.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { serverProcessFixture, startServerProcess } from '../../helpers/server-process.ts';
import { ADMIN_TOKEN, tempDatabasePath } from '../../helpers/server.ts';

// Registered before the server-process fixture, so it runs after it: the server is gone first.
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});
const fixture = serverProcessFixture();

// Every number the run uses, and each way it is written in a path or a body: E.164, national,
// with spaces and dashes, digits only, URL-encoded. The scan looks for the parts that identify it.
const CALLED = '+46701234567';
const IMPORTED = '+46702345678';
const REGISTERED = '+46703456789';
const ERASED = '+46704567890';
const numberTraces = (e164: string) => {
  const national = `0${e164.slice(3)}`;
  return [e164, e164.slice(1), national, e164.slice(3), `${national.slice(0, 3)}-${national.slice(3, 6)}`, encodeURIComponent(e164)];
};
const SIGNED_UP = 'Sigrid Signup';
const SIGNED_UP_EMAIL = 'sigrid@example.org';
const NAMES = [SIGNED_UP, SIGNED_UP_EMAIL, '+46705678901', '0705678901', 'Kalle Anka', 'Musse Pigg', 'Volontär Vilma', 'Hemlig anteckning', 'Ledaren Lisa', 'Kalles medlemmar'];

/**
 * The store the server process will open, for the test to seed first: the SQLite file at `path`,
 * or under TEST_STORE=postgres a PostgreSQL database of its own, which `env` names.
 */
async function seedStore(path: string): Promise<{ fixture: Fixture; env: Record<string, string>; close(): Promise<void> }> {
  if (!onPostgres) {
    const db = openDatabase(path);
    return {
      fixture: sqliteFixture(db),
      env: {},
      close: async () => {
        db.$client.close();
      },
    };
  }
  database = await createDatabase();
  const store = new PgStore(createPool(database.url));
  const { key } = await settleTokenKey(store, undefined);
  return { fixture: { store, tokenKey: key }, env: { DATABASE_URL: database.url }, close: () => store.close() };
}

describe('the server log at LOG_LEVEL=info', () => {
  it('names routes by their pattern and holds no number, name, file name, note or token used in a run', async () => {
    fixture.temp = tempDatabasePath();
    const seed = await seedStore(fixture.temp.path);
    const { listId, associationId } = await buildList(seed.fixture);
    await buildContacts(seed.fixture, listId, [CALLED, ERASED], { namePrefix: 'Musse Pigg' });
    const [station] = await buildStations(seed.fixture, 1);
    await seed.close();

    const server = await startServerProcess({ databasePath: fixture.temp.path, env: { ...seed.env, LOG_LEVEL: 'info' }, outputLimit: 10_000_000 });
    const { url } = server;
    const fileName = encodeURIComponent('Kalles medlemmar 0702345678.csv');
    const imported = await postCsv(url, `/api/lists/${listId}/import?fileName=${fileName}`, ADMIN_TOKEN, `namn;telefon\nKalle Anka;070-234 56 78\n`);
    expect(imported.status).toBe(200);

    const volunteer = await connectStation(url, station!.token, { checkin: { name: 'Volontär Vilma', associationId } });
    fixture.clients.push(volunteer);
    const held = assignmentOf(await volunteer.emitWithAck('contact:next'));
    expect(await volunteer.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', note: 'Hemlig anteckning' })).toEqual({ ok: true });
    await createLink(url, 'leader', { roomId: 1, label: 'Ledaren Lisa' });

    expect((await api(url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: [REGISTERED, '070-345 67 89'] })).status).toBe(200);
    expect((await api(url, 'DELETE', `/api/do-not-call/${encodeURIComponent(REGISTERED)}`, ADMIN_TOKEN)).status).toBe(204);
    expect((await api(url, 'DELETE', '/api/do-not-call/0703456789', ADMIN_TOKEN)).status).toBeLessThan(500);
    expect((await api(url, 'DELETE', `/api/people/${encodeURIComponent(ERASED)}`, ADMIN_TOKEN)).status).toBe(200);
    expect((await api(url, 'DELETE', '/api/people/070-456%2078%2090', ADMIN_TOKEN)).status).toBe(200);
    expect((await api(url, 'GET', `/api/lists/${listId}/export.csv?name=Kalle%20Anka`, ADMIN_TOKEN)).status).toBeLessThan(500);
    // A sign-up and the calendar feed, whose token rides in the query string.
    const at = Date.now() + 86_400_000;
    const session = await api(url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, { startsAt: new Date(at).toISOString(), endsAt: new Date(at + 7_200_000).toISOString() });
    const sessionId = ((await session.json()) as { sessions: { id: number }[] }).sessions[0]!.id;
    const signupToken = ((await (await api(url, 'POST', '/api/signup-links', ADMIN_TOKEN, {})).json()) as { token: string }).token;
    const signup = await api(url, 'POST', '/api/signup/bookings', signupToken, { sessionIds: [sessionId], name: SIGNED_UP, associationId, email: SIGNED_UP_EMAIL, phone: '070-567 89 01', consent: true });
    expect(signup.status).toBe(201);
    const personalToken = ((await signup.json()) as { token: string }).token;
    expect((await fetch(`${url}/api/me/calendar.ics?token=${personalToken}`)).status).toBe(200);
    expect((await fetch(`${url}/api/me/calendar.ics?token=not-${personalToken}`)).status).toBe(401);
    await server.kill('SIGTERM');

    const log = server.output();
    const secrets = [...[CALLED, IMPORTED, REGISTERED, ERASED].flatMap(numberTraces), ...NAMES, 'fileName', station!.token, ADMIN_TOKEN, signupToken, personalToken];
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
    // The run was logged, each request by its route pattern.
    for (const route of ['/api/people/:phone', '/api/do-not-call/:phone', '/api/lists/:id/import', '/api/lists/:id/export.csv', '/api/me/calendar.ics']) {
      expect(log).toContain(`"route":"${route}"`);
    }
  });
});

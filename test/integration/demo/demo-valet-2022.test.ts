import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zComparison, type ComparedCampaign } from '@ringstuga/shared';
import { loadConfig } from '../../../server/src/config.ts';
import { prepareDemoDatabase } from '../../../seeds/demo-database.ts';
import { VALET_2022 } from '../../../seeds/demo-valet-2022.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { createDatabase } from '../../helpers/postgres/database.ts';
import { startServer, tempDatabasePath, type TestServer } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { rows, single } from '../../helpers/store-values.ts';

describe('the demo’s archived campaign "Valet 2022"', () => {
  let server: TestServer;
  let admin: string;
  let cleanup: () => Promise<void>;
  let valet: ComparedCampaign;
  let counts: { contacts: number; calls: number; fixedStations: number; shifts: { first: number; last: number; count: number } };

  beforeAll(async () => {
    // The demo's own preparation on a new store (a SQLite file, or one PostgreSQL database) with no
    // ADMIN_TOKEN set: the admin token is made by its first app, and the test's server keeps it.
    const database = onPostgres ? await createDatabase() : undefined;
    const temp = database ? undefined : tempDatabasePath();
    cleanup = async () => {
      temp?.cleanup();
      await database?.drop();
    };
    const where = database ? { databaseUrl: database.url } : { databasePath: temp!.path };
    const config = loadConfig({
      ...(database ? { DATABASE_URL: database.url } : { DATABASE_PATH: temp!.path }),
      ADMIN_TOKEN: '',
      CALLING_HOURS: '00:00-24:00',
      LOG_LEVEL: 'silent',
      STATION_CONTACTS_PER_MINUTE: '0',
    });
    const prepared = await prepareDemoDatabase(config, 6);
    expect(prepared).toMatchObject({ created: true, generatedAdminToken: expect.stringMatching(/^[\w-]{32}$/) });
    admin = prepared.generatedAdminToken!;
    server = await startServer({ ...where, env: { ADMIN_TOKEN: '' } });
    const { store } = server.app;
    const id = Number(await single(store, sql`SELECT id FROM campaigns WHERE name = ${VALET_2022.name}`));
    valet = (await bodyOf(await api(server.url, 'GET', `/api/campaigns/compare?ids=${id}&axis=election`, admin), 200, zComparison)).campaigns[0]!;
    const count = async (query: ReturnType<typeof sql>) => Number(await single(store, query));
    const [shifts] = await rows<{ first: number; last: number; count: number }>(
      store,
      sql`SELECT min(started_at) AS first, max(started_at) AS last, count(*) AS count FROM shifts WHERE campaign_id = ${id}`,
    );
    counts = {
      contacts: await count(sql`SELECT count(*) AS n FROM contacts JOIN call_lists l ON l.id = contacts.list_id WHERE l.campaign_id = ${id}`),
      calls: await count(sql`SELECT count(*) AS n FROM calls JOIN call_lists l ON l.id = calls.list_id WHERE l.campaign_id = ${id}`),
      fixedStations: await count(sql`SELECT count(*) AS n FROM stations WHERE list_id IS NOT NULL`),
      shifts: shifts!,
    };
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('is archived, marked synthetic, and its calls are gone while its figures stay', () => {
    expect(valet).toMatchObject({ name: 'Valet 2022', status: 'archived', electionDay: '2022-09-11', synthetic: true });
    expect(counts.contacts + counts.calls).toBe(0);
    const attempts = valet.days.reduce((sum, day) => sum + day.attempts, 0);
    expect(attempts).toBeGreaterThan(100);
    expect(valet.associations.reduce((sum, row) => sum + row.attempts, 0)).toBe(attempts);
  });

  it('was called on its evenings in August and September 2022, by volunteers whose shifts are dated then', () => {
    // 2022-08-18 is 24 days before election day, 2022-09-10 the day before.
    expect(valet.days[0]!.day).toBe(-24);
    expect(valet.days.at(-1)!.day).toBe(-1);
    expect(valet.days.filter((day) => day.attempts > 0)).toHaveLength(8);
    expect(valet.days.filter((day) => day.attempts > 0).every((day) => day.volunteers > 0 && day.shifts > 0 && day.hours > 0)).toBe(true);
    expect(counts.shifts.first).toBeGreaterThanOrEqual(Date.parse('2022-08-18T00:00:00+02:00'));
    expect(counts.shifts.last).toBeLessThan(Date.parse('2022-09-11T00:00:00+02:00'));
  });

  it('leaves no station fixed to its lists', () => {
    expect(counts.fixedStations).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zComparison, type ComparedCampaign } from '@ringstuga/shared';
import { loadConfig } from '../../../server/src/config.ts';
import { openDatabase } from '../../../server/src/db/open.ts';
import { simulateValet2022, VALET_2022 } from '../../../seeds/demo-valet-2022.ts';
import { seedDemo } from '../../../seeds/seed.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN, startServer, tempDatabasePath, type TestServer } from '../../helpers/server.ts';

describe('the demo’s archived campaign "Valet 2022"', () => {
  let server: TestServer;
  let cleanup: () => void;
  let valet: ComparedCampaign;
  let counts: { contacts: number; calls: number; fixedStations: number; shifts: { first: number; last: number; count: number } };

  beforeAll(async () => {
    const temp = tempDatabasePath();
    cleanup = temp.cleanup;
    const db = openDatabase(temp.path);
    seedDemo(db, { stations: 6 });
    db.$client.close();
    const config = loadConfig({ DATABASE_PATH: temp.path, ADMIN_TOKEN, CALLING_HOURS: '00:00-24:00', LOG_LEVEL: 'silent', STATION_CONTACTS_PER_MINUTE: '0' });
    await simulateValet2022(config);
    server = await startServer({ databasePath: temp.path });
    const sqlite = server.app.db.$client;
    const id = (sqlite.prepare('SELECT id FROM campaigns WHERE name = ?').get(VALET_2022.name) as { id: number }).id;
    valet = (await bodyOf(await api(server.url, 'GET', `/api/campaigns/compare?ids=${id}&axis=election`, ADMIN_TOKEN), 200, zComparison)).campaigns[0]!;
    const count = (query: string) => (sqlite.prepare(query).get(id) as { n: number }).n;
    counts = {
      contacts: count('SELECT count(*) AS n FROM contacts JOIN call_lists l ON l.id = contacts.list_id WHERE l.campaign_id = ?'),
      calls: count('SELECT count(*) AS n FROM calls JOIN call_lists l ON l.id = calls.list_id WHERE l.campaign_id = ?'),
      fixedStations: (sqlite.prepare('SELECT count(*) AS n FROM stations WHERE list_id IS NOT NULL').get() as { n: number }).n,
      shifts: sqlite.prepare('SELECT min(started_at) AS first, max(started_at) AS last, count(*) AS count FROM shifts WHERE campaign_id = ?').get(id) as { first: number; last: number; count: number },
    };
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    cleanup?.();
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

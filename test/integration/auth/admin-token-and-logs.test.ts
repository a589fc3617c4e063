import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createDatabase } from '../../helpers/postgres/database.ts';
import { startServer, tempDatabasePath } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe('the admin token', () => {
  it('is generated once at first start when ADMIN_TOKEN is unset, stored only as a hash, and works', async () => {
    // Both servers on one store: the same SQLite file, or one PostgreSQL database.
    const database = onPostgres ? await createDatabase() : undefined;
    const temp = database ? undefined : tempDatabasePath();
    const where = database ? { databaseUrl: database.url } : { databasePath: temp!.path };
    const first = await startServer({ ...where, env: { ADMIN_TOKEN: '' } });
    const token = first.app.generatedAdminToken;
    expect(token).toMatch(/^[\w-]{32}$/);
    const stored = JSON.stringify(await first.app.store.read((q) => q.all(sql`SELECT * FROM settings`)));
    expect(stored).not.toContain(token!);
    expect((await fetch(`${first.url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await first.close();

    const second = await startServer({ ...where, env: { ADMIN_TOKEN: '' } });
    expect(second.app.generatedAdminToken).toBeNull();
    expect((await fetch(`${second.url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await second.close();
    temp?.cleanup();
    await database?.drop();
  });
});

describe('logs', () => {
  it('carry no names, numbers, notes or tokens, even at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1, logger: { level: 'trace', stream } });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', note: 'Hemlig anteckning' });
    await fetch(`${campaign.url}/api/stations`, { headers: { authorization: 'Bearer test-admin-token-0123456789' } });
    await campaign.close();
    campaign = undefined;

    const log = lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [held.contact.name, held.contact.phone, '070-100', 'Hemlig', 'test-admin-token', '#token=']) {
      expect(log).not.toContain(secret);
    }
  });
});

import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { api } from '../../helpers/http.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
const rows = (query: SQL) => campaign!.app.store.read((q) => q.all<Record<string, unknown>>(query));
const column = async (query: SQL) => (await rows(query)).map((row) => Object.values(row)[0]);
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const postCsv = (url: string, csv: string | Uint8Array, token = ADMIN_TOKEN) =>
  fetch(`${url}/api/do-not-call/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });

/** Calls until nothing is left; the numbers the station was handed. */
async function callEveryone(station: StationClient): Promise<string[]> {
  const handed: string[] = [];
  for (;;) {
    const result = await station.emitWithAck('contact:next');
    if (!result.ok || !result.assignment) return handed;
    handed.push(result.assignment.contact.phone);
    await station.emitWithAck('call:outcome', { assignmentId: result.assignment.id, outcome: 'conversation' });
  }
}

describe('the do-not-call register', () => {
  it('adds numbers typed and from a file, closes them on every list, and no station is handed them', async () => {
    const [p1, p2, p3, p4, p5] = [1, 2, 3, 4, 5].map(phoneNumber);
    campaign = await startCampaign({ lists: [{ phones: [p1!, p2!, p3!, p4!] }, { phones: [p2!, p5!] }, { phones: [p3!] }], stations: 1 });
    const closed = () => column(sql`SELECT phone FROM contacts WHERE closed_reason = 'do_not_call' ORDER BY phone`);

    const typed = await api(campaign.url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: ['070-100 00 02', 'inte ett nummer', p2] });
    expect(await typed.json()).toEqual({ added: 1, present: 0, invalid: ['inte ett nummer'] });
    expect(await closed()).toEqual([p2, p2]);

    // Swedish Excel: semicolons, Windows-1252 (the å), a header naming the number column.
    const file = Buffer.from('Namn;Telefon\r\nSåren;+46 70 100 00 03\r\nFel;12\r\nRedan;0701000002\r\n', 'latin1');
    const imported = await postCsv(campaign.url, file);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ added: 1, present: 1, invalid: ['12'] });
    expect(await closed()).toEqual([p2, p2, p3, p3]);

    const counts = await api(campaign.url, 'GET', '/api/do-not-call', ADMIN_TOKEN);
    expect(await counts.json()).toEqual({ count: 2, bySource: { outcome: 0, admin: 1, import: 1 } });

    const station = await campaign.join(0);
    expect((await callEveryone(station)).sort()).toEqual([p1, p4, p5].sort());
  });

  it('withdraws a contact a station holds when its number is added, at the station’s next request', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await api(campaign.url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: [held.contact.phone] });
    const next = assignmentOf(await station.emitWithAck('contact:next'));
    expect(next.contact.phone).not.toBe(held.contact.phone);
    expect(await rows(sql`SELECT status, closed_reason FROM contacts WHERE id = ${held.contact.id}`)).toEqual([{ status: 'done', closed_reason: 'do_not_call' }]);
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({ ok: false });
  });

  it('reads a file of bare numbers, refuses one whose number column it cannot tell, and removes numbers without reopening contacts', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    const bare = await postCsv(campaign.url, '\uFEFF0701000001\n\n+46 70 100 00 02\nhej\n');
    expect(await bare.json()).toEqual({ added: 2, present: 0, invalid: ['hej'] });
    const ambiguous = await postCsv(campaign.url, '0701000001;0701000002\n');
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.json()).toMatchObject({ error: { code: 'bad_file' } });
    expect((await postCsv(campaign.url, '')).status).toBe(400);

    const removed = await api(campaign.url, 'DELETE', `/api/do-not-call/${encodeURIComponent('070-100 00 01')}`, ADMIN_TOKEN);
    expect(removed.status).toBe(204);
    expect((await api(campaign.url, 'DELETE', `/api/do-not-call/${encodeURIComponent(phoneNumber(1))}`, ADMIN_TOKEN)).status).toBe(404);
    expect((await api(campaign.url, 'DELETE', '/api/do-not-call/12', ADMIN_TOKEN)).status).toBe(400);
    expect(await column(sql`SELECT phone FROM do_not_call`)).toEqual([phoneNumber(2)]);
    // Removing a number does not reopen what it closed.
    expect(await column(sql`SELECT DISTINCT status FROM contacts`)).toEqual(['done']);

    const { entries } = (await (await api(campaign.url, 'GET', '/api/audit?limit=2', ADMIN_TOKEN)).json()) as {
      entries: { id: number; at: string; action: string; target: string; detail: unknown }[];
    };
    expect(entries).toEqual([
      { id: 2, at: expect.any(String), actor: 'admin', action: 'do_not_call', target: 'register', detail: { removed: 1 } },
      {
        id: 1,
        at: expect.any(String),
        actor: 'admin',
        action: 'do_not_call',
        target: 'register',
        detail: { source: 'import', added: 2, present: 0, closed: 2, invalid: 1 },
      },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/\+46|070/);
    const older = (await (await api(campaign.url, 'GET', '/api/audit?before=2', ADMIN_TOKEN)).json()) as { entries: { id: number }[] };
    expect(older.entries.map((entry) => entry.id)).toEqual([1]);
    expect((await api(campaign.url, 'GET', '/api/audit?limit=501', ADMIN_TOKEN)).status).toBe(400);
  });
});

describe('who may use the privacy routes', () => {
  it('lets the admin manage the register, erase and purge; an association its own lists only; nobody else anything', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(2)] }], stations: 1 });
    const { url } = campaign;
    const [a, b] = campaign.lists;
    const link = async (associationId: number) =>
      ((await (await api(url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, {})).json()) as { token: string }).token;
    const tokens: Record<string, string | undefined> = {
      admin: ADMIN_TOKEN,
      associationA: await link(a!.associationId),
      associationB: await link(b!.associationId),
      leader: (await createLink(url, 'leader', { roomId: 1 })).token,
      screen: (await createLink(url, 'screen', { roomId: 1 })).token,
      station: campaign.stations[0]!.token,
      none: undefined,
    };
    const adminOnly = (admin: number) => ({ admin, associationA: 403, associationB: 403, leader: 403, screen: 403, station: 401, none: 401 });
    const ownerOrAdmin = (admin: number, other: number) => ({ ...adminOnly(admin), associationA: admin, associationB: other });
    const routes: [string, string, unknown, Record<string, number>][] = [
      ['GET', '/api/do-not-call', undefined, adminOnly(200)],
      ['POST', '/api/do-not-call', { phones: [phoneNumber(9)] }, adminOnly(200)],
      // A JSON body where the file belongs: only the admin gets as far as reading it.
      ['POST', '/api/do-not-call/import', { phones: [] }, adminOnly(400)],
      ['DELETE', `/api/do-not-call/${encodeURIComponent(phoneNumber(8))}`, undefined, adminOnly(404)],
      ['DELETE', `/api/people/${encodeURIComponent(phoneNumber(7))}`, undefined, adminOnly(200)],
      ['POST', '/api/purge', { confirm: 'radera' }, adminOnly(400)],
      ['GET', '/api/audit', undefined, adminOnly(200)],
      ['PATCH', `/api/lists/${a!.listId}`, {}, ownerOrAdmin(200, 404)],
      ['DELETE', '/api/lists/9999', undefined, ownerOrAdmin(404, 404)],
    ];
    for (const [method, path, body, expected] of routes) {
      const actual: Record<string, number> = {};
      for (const [caller, token] of Object.entries(tokens)) actual[caller] = (await api(url, method, path, token, body)).status;
      expect({ route: `${method} ${path}`, ...actual }).toEqual({ route: `${method} ${path}`, ...expected });
    }
    expect(Number(await campaign.app.store.read((q) => q.value(sql`SELECT COUNT(*) FROM contacts`)))).toBe(2);
  });
});

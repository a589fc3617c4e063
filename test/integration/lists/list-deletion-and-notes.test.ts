import { eq, type SQL, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallListSummary, Totals } from '@ringstuga/shared';
import { callLists } from '../../../server/src/db/schema.ts';
import type { Store } from '../../../server/src/db/store/store.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

async function associationToken(url: string, associationId: number): Promise<string> {
  const response = await api(url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, {});
  return ((await response.json()) as { token: string }).token;
}

/** The first column of each row, read through the store. */
const column = async (store: Store, query: SQL): Promise<unknown[]> =>
  (await store.read((q) => q.all<Record<string, unknown>>(query))).map((row) => Object.values(row)[0]);
const single = async (store: Store, query: SQL): Promise<unknown> => (await column(store, query))[0];

const read = async <T>(url: string, path: string, token = ADMIN_TOKEN): Promise<T> => {
  const response = await api(url, 'GET', path, token);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

describe('deleting a list', () => {
  it("removes its contacts, calls and leases, keeps its counters in the leaderboards, and is the owner's or the admin's to do", async () => {
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map(phoneNumber);
    campaign = await startCampaign({ lists: [{ phones: [p1!, p2!, p3!] }, { phones: [p2!, p4!] }], stations: 2 });
    const { url } = campaign;
    const store = campaign.app.store;
    const [a, b] = campaign.lists;
    const [tokenA, tokenB] = [await associationToken(url, a!.associationId), await associationToken(url, b!.associationId)];

    // Ada calls two of A's people; Bo holds A's third (whose number is also on B) when the list goes.
    const ada = await campaign.join(0, { checkin: { name: 'Ada', associationId: a!.associationId } });
    const bo = await campaign.join(1, { checkin: { name: 'Bo', associationId: a!.associationId } });
    for (const outcome of ['conversation', 'no_answer'] as const) {
      const offered = assignmentOf(await ada.emitWithAck('contact:next'));
      await ada.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, note: 'Trevlig' });
    }
    const held = assignmentOf(await bo.emitWithAck('contact:next'));
    expect(held.contact.list.id).toBe(a!.listId);
    const before = await read<Totals>(url, '/api/stats');
    const hoursBefore = await store.read((q) => q.all(sql`SELECT * FROM activity_hours ORDER BY hour_start, room_id, list_id`));

    expect((await api(url, 'DELETE', `/api/lists/${a!.listId}`, tokenB)).status).toBe(404);
    expect((await api(url, 'DELETE', `/api/lists/${a!.listId}`, tokenA)).status).toBe(204);

    const left = (table: string) =>
      single(store, sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)} WHERE contact_id IN (SELECT id FROM contacts WHERE list_id = ${a!.listId})`);
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM contacts WHERE list_id = ${a!.listId}`)).toBe(0);
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM calls WHERE list_id = ${a!.listId}`)).toBe(0);
    expect([await left('calls'), await left('assignments'), await single(store, sql`SELECT COUNT(*) AS n FROM assignments`)]).toEqual([0, 0, 0]);
    // The anonymous figures stay: the leaderboards do not go back, only the contacts counted.
    expect(await read<Totals>(url, '/api/stats')).toEqual({ ...before, contacts: before.contacts - 3 });
    expect(await store.read((q) => q.all(sql`SELECT * FROM activity_hours ORDER BY hour_start, room_id, list_id`))).toEqual(hoursBefore);
    // B's contact for the shared number was held with Bo's lease: it is B's to call again.
    expect(await column(store, sql`SELECT status FROM contacts WHERE phone = ${p2}`)).toEqual(['ready']);
    await expect(bo.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    // Gone for every route; its row stays only as the anchor of its anonymous counters.
    expect((await read<{ lists: CallListSummary[] }>(url, '/api/lists', tokenA)).lists).toEqual([]);
    for (const path of ['progress', 'export.csv', 'attempts.csv']) {
      expect((await api(url, 'GET', `/api/lists/${a!.listId}/${path}`, tokenA)).status).toBe(404);
    }
    expect((await api(url, 'DELETE', `/api/lists/${a!.listId}`, tokenA)).status).toBe(404);
    expect(await single(store, sql`SELECT CASE WHEN deleted_at IS NOT NULL THEN 1 ELSE 0 END AS deleted FROM call_lists WHERE id = ${a!.listId}`)).toBe(1);

    const { entries } = await read<{ entries: { actor: string; action: string; target: string; detail: unknown }[] }>(url, '/api/audit');
    expect(entries[0]).toMatchObject({ actor: `association:${a!.associationId}`, action: 'erase', target: `list:${a!.listId}`, detail: { contacts: 3, calls: 2 } });
  });

  it('waits for a first import to finish before deleting its list', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const [list] = campaign.lists;
    await campaign.app.store.write((q) => q.run(q.db.update(callLists).set({ importing: true }).where(eq(callLists.id, list!.listId))));
    const refused = await api(campaign.url, 'DELETE', `/api/lists/${list!.listId}`, ADMIN_TOKEN);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { reason: 'list_importing' } });
    expect(await single(campaign.app.store, sql`SELECT COUNT(*) AS n FROM contacts`)).toBe(1);
  });
});

describe("a list's notes switch", () => {
  it('refuses notes at the stations once switched off, and says so on the next contact card', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [phoneNumber(3)] }], stations: 1 });
    const { url } = campaign;
    const [a, b] = campaign.lists;
    const [tokenA, tokenB] = [await associationToken(url, a!.associationId), await associationToken(url, b!.associationId)];
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: a!.associationId } });
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    expect(first.contact.list.notesEnabled).toBe(true);

    expect((await api(url, 'PATCH', `/api/lists/${a!.listId}`, tokenB, { notesEnabled: false })).status).toBe(404);
    expect((await api(url, 'PATCH', `/api/lists/${a!.listId}`, tokenA, { notesEnabled: false, extra: 1 })).status).toBe(400);
    const switched = await api(url, 'PATCH', `/api/lists/${a!.listId}`, tokenA, { notesEnabled: false, name: '  Höstlistan ' });
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({ id: a!.listId, name: 'Höstlistan', notesEnabled: false, contacts: 2 });

    await expect(
      station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation', note: 'Sjuk, vill inte prata politik' }),
    ).resolves.toEqual({ ok: false, error: { code: 'invalid_payload', message: 'Notes are switched off for this list' } });
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
    const next = assignmentOf(await station.emitWithAck('contact:next'));
    expect(next.contact.list).toMatchObject({ id: a!.listId, name: 'Höstlistan', notesEnabled: false });
    expect(await single(campaign.app.store, sql`SELECT COUNT(*) AS n FROM calls WHERE note IS NOT NULL`)).toBe(0);

    const { entries } = await read<{ entries: { actor: string; action: string; target: string; detail: unknown }[] }>(url, '/api/audit');
    expect(entries[0]).toMatchObject({
      actor: `association:${a!.associationId}`,
      action: 'update',
      target: `list:${a!.listId}`,
      detail: { notesEnabled: false, renamed: true },
    });
  });

  it('sends no earlier notes in the contact history once switched off, though they were written before the switch', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now });
    const [a] = campaign.lists;
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: a!.associationId } });
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer', note: 'Sjuk, ring inte om politik' })).resolves.toEqual({ ok: true });
    const tokenA = await associationToken(campaign.url, a!.associationId);
    expect((await api(campaign.url, 'PATCH', `/api/lists/${a!.listId}`, tokenA, { notesEnabled: false })).status).toBe(200);

    clock.advance(121 * MINUTE); // past the retry cool-down: the same person comes back with their history
    const again = assignmentOf(await station.emitWithAck('contact:next'));
    expect(again.contact.id).toBe(first.contact.id);
    expect(again.contact.history).toEqual([expect.objectContaining({ outcome: 'no_answer', note: null })]);
  });
});

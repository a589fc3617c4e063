import fc from 'fast-check';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { addressLike, personLike } from '../../helpers/hostile-payloads.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { tracesInStore, tracesOnDisk } from '../../helpers/trace-scan.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const PHONES = [1, 2, 3, 4, 5].map(phoneNumber);
const VOLUNTEERS = ['Adalind Ringström', 'Bosse Luresson'];
const NOTE = 'Hjärtsjuk, ring hellre dottern';
const FLAG = 'Lät väldigt arg';
const MESSAGE = 'Fika klockan sju';
// Free text people write about people: a remote station's name, links' labels, a list's name, scripts.
const REMOTE = 'Anna Volontärsson hemma';
const LEADER_LABEL = 'Kalle Kassör (ordförande)';
const ASSOCIATION_LABEL = 'Stina Sekreterare';
const LIST_NAME = 'Lisas ringlista';
const SCRIPT = 'Fråga efter Gunnar Granne';
const SCRIPT_SV = 'Hälsa från Berit Bokförare';

const rows = (query: SQL) => campaign!.app.store.read((q) => q.all<Record<string, unknown>>(query));
const column = async (query: SQL) => (await rows(query)).map((row) => Object.values(row)[0]);
const count = async (query: SQL) => Number(await campaign!.app.store.read((q) => q.value(query)));
const change = (query: SQL) => campaign!.app.store.write((q) => q.run(query));
// The file's bytes are SQLite's; PostgreSQL's pages are checked in test/integration/postgres/erasure-on-postgres.test.ts.
const onDisk = (path: string, needles: readonly string[]) => (onPostgres ? [] : tracesOnDisk(path, needles));

const read = async (url: string, path: string): Promise<unknown> => {
  const response = await api(url, 'GET', path, ADMIN_TOKEN);
  expect(response.status).toBe(200);
  return response.json();
};

describe('the end-of-campaign purge', () => {
  it('deletes every person’s data and volunteers’ names, and keeps the leaderboards and volunteer figures as they were', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 3) }, { phones: PHONES.slice(2) }], stations: 2 });
    const { url } = campaign;
    await change(sql`UPDATE contacts SET voting_district = CASE WHEN id % 2 = 0 THEN '01800101' ELSE '01800102' END`);
    const ada = await campaign.join(0, { checkin: { name: VOLUNTEERS[0]!, associationId: null } });
    const bo = await campaign.join(1, { checkin: { name: VOLUNTEERS[1]!, associationId: campaign.lists[1]!.associationId } });
    for (const [station, outcome] of [[ada, 'conversation'], [bo, 'do_not_call'], [ada, 'no_answer']] as const) {
      const offered = assignmentOf(await station.emitWithAck('contact:next'));
      await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, note: NOTE });
      await station.emitWithAck('call:flag', { message: FLAG, assignmentId: offered.id });
    }
    // Ada comes back for a second shift: still one volunteer.
    await ada.emitWithAck('station:checkout');
    await ada.emitWithAck('station:checkin', { name: VOLUNTEERS[0]!.toUpperCase(), associationId: null });
    assignmentOf(await bo.emitWithAck('contact:next'));
    await change(sql`INSERT INTO room_messages (room_id, text, created_at) VALUES (1, ${MESSAGE}, 0)`);
    const [first, second] = campaign.lists;
    for (const [path, body] of [
      ['/api/rooms/1/remote-stations', { name: REMOTE }],
      ['/api/leader-links', { roomId: 1, label: LEADER_LABEL }],
      [`/api/associations/${first!.associationId}/access`, { label: ASSOCIATION_LABEL }],
    ] as const) {
      expect((await api(url, 'POST', path, ADMIN_TOKEN, body)).status).toBeLessThan(300);
    }
    expect((await api(url, 'PATCH', `/api/lists/${first!.listId}`, ADMIN_TOKEN, { name: LIST_NAME })).status).toBe(200);
    await change(sql`UPDATE call_lists SET script = ${SCRIPT}, instructions = ${SCRIPT} WHERE id = ${second!.listId}`);
    await change(sql`INSERT INTO list_scripts (list_id, language, script, instructions) VALUES (${second!.listId}, 'ar', ${SCRIPT_SV}, ${SCRIPT_SV})`);

    const traces = [...PHONES, ...PHONES.map((phone) => phone.slice(3)), 'Person ', NOTE, FLAG, MESSAGE, ...VOLUNTEERS, 'ADALIND'];
    traces.push(REMOTE, 'Volontärsson', LEADER_LABEL, 'Kassör', ASSOCIATION_LABEL, LIST_NAME, 'Lisas', SCRIPT, 'Gunnar', SCRIPT_SV, 'Berit');
    expect((await tracesInStore(campaign.app.store, traces)).length).toBeGreaterThan(0);
    const figures = ['/api/stats', '/api/leaderboard', '/api/standings', '/api/volunteers'];
    const before = await Promise.all(figures.map((path) => read(url, path)));
    const districts = () =>
      Promise.all(campaign!.lists.map(async ({ listId }) => ((await read(url, `/api/lists/${listId}/progress`)) as { districts: unknown }).districts));
    const districtsBefore = await districts();
    expect(districtsBefore.flat().length).toBeGreaterThan(2);

    // An answer and a new helper: personal data the purge takes too (the answer stays as a count).
    const [firstCall] = (await rows(sql`SELECT id, list_id FROM calls ORDER BY id LIMIT 1`)) as { id: number; list_id: number }[];
    await change(sql`INSERT INTO call_answers (call_id, question_key, value) VALUES (${firstCall!.id}, 'stod', 'ja')`);
    await change(sql`INSERT INTO new_helpers (association_id, list_id, name, phone, created_at) VALUES (${first!.associationId}, ${first!.listId}, ${VOLUNTEERS[0]!}, ${PHONES[0]!}, 0)`);

    for (const confirm of ['radera alla personuppgifter', '']) {
      expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm })).status).toBe(400);
    }
    expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, {})).status).toBe(400);
    expect(await count(sql`SELECT COUNT(*) FROM contacts`)).toBe(6);

    const purged = await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' });
    expect(purged.status).toBe(200);
    expect(await purged.json()).toEqual({ contacts: 6, calls: 3 });

    expect(await tracesInStore(campaign!.app.store, traces)).toEqual([]);
    expect(onDisk(campaign.databasePath, traces)).toEqual([]);
    expect(await Promise.all(figures.map((path) => read(url, path)))).toEqual(before);
    // Per voting district too: the people are gone, their district's figures stay.
    expect(await districts()).toEqual(districtsBefore);
    expect(await column(sql`SELECT name FROM shifts ORDER BY id`)).toEqual(['Volontär 1', 'Volontär 2', 'Volontär 1']);
    expect(await count(sql`SELECT COUNT(*) FROM do_not_call`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM call_answers`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM new_helpers`)).toBe(0);
    expect(await rows(sql`SELECT list_id, question_key, value, count FROM answer_archive`)).toEqual([{ list_id: firstCall!.list_id, question_key: 'stod', value: 'ja', count: 1 }]);
    expect(await rows(sql`SELECT id, name, script, instructions FROM call_lists ORDER BY id`)).toEqual(
      campaign.lists.map(({ listId }) => ({ id: listId, name: `Lista ${listId}`, script: null, instructions: null })),
    );
    expect(await count(sql`SELECT COUNT(*) FROM list_scripts`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM stations WHERE name <> 'Station ' || number`)).toBe(0);
    expect(await column(sql`SELECT label FROM access_tokens UNION ALL SELECT label FROM association_tokens`)).toEqual([null, null]);

    await expect(ada.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_empty' });
    const { entries } = (await read(url, '/api/audit')) as { entries: { action: string; target: string; detail: unknown }[] };
    // The progress views read above are logged after it; the purge is the one erase.
    expect(entries.filter((entry) => entry.action === 'erase')).toMatchObject([
      { action: 'erase', target: 'campaign', detail: { contacts: 6, calls: 3, doNotCall: 1, shifts: 3 } },
    ]);
  });

  it('keeps a district that was someone’s address (stored before districts were checked) as "no district", never the text', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 2) }], stations: 0 });
    const [withAddress, withCode] = campaign.lists[0]!.contactIds;
    const address = 'Zelda Secretsdottirs gata 5';
    await change(sql`UPDATE contacts SET voting_district = ${address} WHERE id = ${withAddress!}`);
    await change(sql`UPDATE contacts SET voting_district = '01270014' WHERE id = ${withCode!}`);

    expect((await api(campaign.url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' })).status).toBe(200);
    expect(await tracesInStore(campaign!.app.store, [address, 'Secretsdottir'])).toEqual([]);
    expect(onDisk(campaign.databasePath, [address, 'Secretsdottir'])).toEqual([]);
    expect(await rows(sql`SELECT district, contacts FROM district_archive ORDER BY district`)).toEqual([
      { district: '', contacts: 1 },
      { district: '01270014', contacts: 1 },
    ]);
  });

  it('leaves none of the free texts that name people, whatever they say', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 1) }], stations: 0 });
    const { url, databasePath } = campaign;
    const { listId, associationId } = campaign.lists[0]!;
    // Each text at least 6 characters, so it cannot hide inside "Lista 1" or "Station 2".
    const text = fc.oneof(personLike, addressLike).filter((value) => value.length >= 6);
    await fc.assert(
      fc.asyncProperty(fc.tuple(text, text, text, text, text), async ([remote, leader, association, list, script]) => {
        for (const [path, body] of [
          ['/api/rooms/1/remote-stations', { name: remote }],
          ['/api/leader-links', { roomId: 1, label: leader }],
          [`/api/associations/${associationId}/access`, { label: association }],
        ] as const) {
          expect((await api(url, 'POST', path, ADMIN_TOKEN, body)).status).toBeLessThan(300);
        }
        expect((await api(url, 'PATCH', `/api/lists/${listId}`, ADMIN_TOKEN, { name: list })).status).toBe(200);
        await change(sql`UPDATE call_lists SET script = ${script}, instructions = ${script} WHERE id = ${listId}`);
        expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' })).status).toBe(200);
        const texts = [remote, leader, association, list, script];
        expect(await tracesInStore(campaign!.app.store, texts)).toEqual([]);
        expect(onDisk(databasePath, texts)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});

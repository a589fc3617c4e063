import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { addressLike, personLike } from '../../helpers/hostile-payloads.ts';
import { tracesInTables, tracesOnDisk } from '../../helpers/trace-scan.ts';

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

const read = async (url: string, path: string): Promise<unknown> => {
  const response = await api(url, 'GET', path, ADMIN_TOKEN);
  expect(response.status).toBe(200);
  return response.json();
};

describe('the end-of-campaign purge', () => {
  it('deletes every person’s data and volunteers’ names, and keeps the leaderboards and volunteer figures as they were', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 3) }, { phones: PHONES.slice(2) }], stations: 2 });
    const { url } = campaign;
    const sqlite = campaign.app.db.$client;
    sqlite.prepare(`UPDATE contacts SET voting_district = CASE WHEN id % 2 = 0 THEN '01800101' ELSE '01800102' END`).run();
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
    sqlite.prepare('INSERT INTO room_messages (room_id, text, created_at) VALUES (1, ?, 0)').run(MESSAGE);
    const [first, second] = campaign.lists;
    for (const [path, body] of [
      ['/api/rooms/1/remote-stations', { name: REMOTE }],
      ['/api/leader-links', { roomId: 1, label: LEADER_LABEL }],
      [`/api/associations/${first!.associationId}/access`, { label: ASSOCIATION_LABEL }],
    ] as const) {
      expect((await api(url, 'POST', path, ADMIN_TOKEN, body)).status).toBeLessThan(300);
    }
    expect((await api(url, 'PATCH', `/api/lists/${first!.listId}`, ADMIN_TOKEN, { name: LIST_NAME })).status).toBe(200);
    sqlite.prepare('UPDATE call_lists SET script = ?, instructions = ? WHERE id = ?').run(SCRIPT, SCRIPT, second!.listId);
    sqlite.prepare(`INSERT INTO list_scripts (list_id, language, script, instructions) VALUES (?, 'ar', ?, ?)`).run(second!.listId, SCRIPT_SV, SCRIPT_SV);

    const traces = [...PHONES, ...PHONES.map((phone) => phone.slice(3)), 'Person ', NOTE, FLAG, MESSAGE, ...VOLUNTEERS, 'ADALIND'];
    traces.push(REMOTE, 'Volontärsson', LEADER_LABEL, 'Kassör', ASSOCIATION_LABEL, LIST_NAME, 'Lisas', SCRIPT, 'Gunnar', SCRIPT_SV, 'Berit');
    expect(tracesInTables(sqlite, traces).length).toBeGreaterThan(0);
    const figures = ['/api/stats', '/api/leaderboard', '/api/standings', '/api/volunteers'];
    const before = await Promise.all(figures.map((path) => read(url, path)));
    const districts = () =>
      Promise.all(campaign!.lists.map(async ({ listId }) => ((await read(url, `/api/lists/${listId}/progress`)) as { districts: unknown }).districts));
    const districtsBefore = await districts();
    expect(districtsBefore.flat().length).toBeGreaterThan(2);

    // An answer and a new helper: personal data the purge takes too (the answer stays as a count).
    const firstCall = sqlite.prepare('SELECT id, list_id FROM calls ORDER BY id LIMIT 1').get() as { id: number; list_id: number };
    sqlite.prepare(`INSERT INTO call_answers (call_id, question_key, value) VALUES (?, 'stod', 'ja')`).run(firstCall.id);
    sqlite.prepare(`INSERT INTO new_helpers (association_id, list_id, name, phone, created_at) VALUES (?, ?, ?, ?, 0)`).run(first!.associationId, first!.listId, VOLUNTEERS[0], PHONES[0]);

    for (const confirm of ['radera alla personuppgifter', '']) {
      expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm })).status).toBe(400);
    }
    expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, {})).status).toBe(400);
    expect(sqlite.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(6);

    const purged = await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' });
    expect(purged.status).toBe(200);
    expect(await purged.json()).toEqual({ contacts: 6, calls: 3 });

    expect(tracesInTables(sqlite, traces)).toEqual([]);
    expect(tracesOnDisk(campaign.databasePath, traces)).toEqual([]);
    expect(await Promise.all(figures.map((path) => read(url, path)))).toEqual(before);
    // Per voting district too: the people are gone, their district's figures stay.
    expect(await districts()).toEqual(districtsBefore);
    expect(sqlite.prepare('SELECT name FROM shifts ORDER BY id').pluck().all()).toEqual(['Volontär 1', 'Volontär 2', 'Volontär 1']);
    expect(sqlite.prepare('SELECT COUNT(*) FROM do_not_call').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT COUNT(*) FROM call_answers').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT COUNT(*) FROM new_helpers').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT list_id, question_key, value, count FROM answer_archive').all()).toEqual([{ list_id: firstCall.list_id, question_key: 'stod', value: 'ja', count: 1 }]);
    expect(sqlite.prepare('SELECT id, name, script, instructions FROM call_lists ORDER BY id').all()).toEqual(
      campaign.lists.map(({ listId }) => ({ id: listId, name: `Lista ${listId}`, script: null, instructions: null })),
    );
    expect(sqlite.prepare('SELECT COUNT(*) FROM list_scripts').pluck().get()).toBe(0);
    expect(sqlite.prepare(`SELECT COUNT(*) FROM stations WHERE name <> 'Station ' || number`).pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT label FROM access_tokens UNION ALL SELECT label FROM association_tokens').pluck().all()).toEqual([null, null]);

    await expect(ada.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_empty' });
    const { entries } = (await read(url, '/api/audit')) as { entries: { action: string; target: string; detail: unknown }[] };
    // The progress views read above are logged after it; the purge is the one erase.
    expect(entries.filter((entry) => entry.action === 'erase')).toMatchObject([
      { action: 'erase', target: 'campaign', detail: { contacts: 6, calls: 3, doNotCall: 1, shifts: 3 } },
    ]);
  });

  it('keeps a district that was someone’s address (stored before districts were checked) as "no district", never the text', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 2) }], stations: 0 });
    const sqlite = campaign.app.db.$client;
    const [withAddress, withCode] = campaign.lists[0]!.contactIds;
    const address = 'Zelda Secretsdottirs gata 5';
    sqlite.prepare('UPDATE contacts SET voting_district = ? WHERE id = ?').run(address, withAddress);
    sqlite.prepare(`UPDATE contacts SET voting_district = '01270014' WHERE id = ?`).run(withCode);

    expect((await api(campaign.url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' })).status).toBe(200);
    expect(tracesInTables(sqlite, [address, 'Secretsdottir'])).toEqual([]);
    expect(tracesOnDisk(campaign.databasePath, [address, 'Secretsdottir'])).toEqual([]);
    expect(sqlite.prepare('SELECT district, contacts FROM district_archive ORDER BY district').all()).toEqual([
      { district: '', contacts: 1 },
      { district: '01270014', contacts: 1 },
    ]);
  });

  it('leaves none of the free texts that name people, whatever they say', async () => {
    campaign = await startCampaign({ lists: [{ phones: PHONES.slice(0, 1) }], stations: 0 });
    const { url, databasePath } = campaign;
    const sqlite = campaign.app.db.$client;
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
        sqlite.prepare('UPDATE call_lists SET script = ?, instructions = ? WHERE id = ?').run(script, script, listId);
        expect((await api(url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' })).status).toBe(200);
        const texts = [remote, leader, association, list, script];
        expect(tracesInTables(sqlite, texts)).toEqual([]);
        expect(tracesOnDisk(databasePath, texts)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});

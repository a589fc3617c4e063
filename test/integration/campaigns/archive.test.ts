import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { zCampaign, zCampaignArchived, zLeaderboard } from '@ringstuga/shared';
import type { Store } from '../../../server/src/db/store/store.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { buildBooking, buildSession, buildVolunteer, HOUR } from '../../helpers/booking-rows.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf, postCsv } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { column, execute, rows, single } from '../../helpers/store-values.ts';
import { tracesInStore } from '../../helpers/trace-scan.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

let server: CampaignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEPT_PHONES = [1, 2, 3].map(phoneNumber);
const ARCHIVED_PHONES = [4, 5, 6].map(phoneNumber);
const NOTE = 'Ring efter sex, fråga efter Gunnel';
const VERA = { name: 'Vera Valsson', email: 'vera@example.org' };

const read = async (path: string): Promise<unknown> => {
  const response = await api(server!.url, 'GET', path, ADMIN_TOKEN);
  expect(response.status).toBe(200);
  return response.json();
};

/** Answers recounted from the rows: the archive's counts plus the live answers, per list, question, value and district. */
const answerTotals = (store: Store) =>
  rows(
    store,
    sql`SELECT list_id, question_key, value, district, SUM(n) AS n FROM (
         SELECT list_id, question_key, value, district, count AS n FROM answer_archive
         UNION ALL
         SELECT k.list_id, a.question_key, a.value, COALESCE(c.voting_district, ''), 1
         FROM call_answers a JOIN calls k ON k.id = a.call_id JOIN contacts c ON c.id = k.contact_id) AS counted
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );

/** Everything a campaign's figures are made of, read straight from the tables. */
const figureRows = async (store: Store) => ({
  activityHours: await rows(store, sql`SELECT * FROM activity_hours ORDER BY 1, 2, 3`),
  shifts: await rows(store, sql`SELECT id, campaign_id, association_id, started_at, ended_at, attempts, answered, conversations FROM shifts ORDER BY id`),
  answers: await answerTotals(store),
});

/** The rows of the campaign that stays: they must not change at all. */
const keptRows = async (store: Store, listId: number, erasedVolunteer: number) => ({
  contacts: await rows(store, sql`SELECT * FROM contacts WHERE list_id = ${listId} ORDER BY id`),
  calls: await rows(store, sql`SELECT * FROM calls WHERE list_id = ${listId} ORDER BY id`),
  answers: await rows(store, sql`SELECT a.* FROM call_answers a JOIN calls k ON k.id = a.call_id WHERE k.list_id = ${listId} ORDER BY 1, 2`),
  newHelpers: await rows(store, sql`SELECT * FROM new_helpers WHERE list_id = ${listId} ORDER BY id`),
  list: (await rows(store, sql`SELECT name, active, script FROM call_lists WHERE id = ${listId}`))[0],
  shifts: await rows(store, sql`SELECT * FROM shifts WHERE campaign_id = 1 ORDER BY id`),
  volunteers: await rows(store, sql`SELECT id, name, email FROM volunteers WHERE id <> ${erasedVolunteer} ORDER BY id`),
});

describe('archiving a campaign', () => {
  it("deletes its personal data, keeps its figures equal to a recount taken before, and leaves the other campaign's data as it was", async () => {
    server = await startCampaign({ lists: [{ phones: KEPT_PHONES }, { phones: ARCHIVED_PHONES }], stations: 2 });
    const { url } = server;
    const store = server.app.store;
    const [kept, archived] = server.lists as [CampaignServer['lists'][0], CampaignServer['lists'][0]];
    const valet = await bodyOf(await api(url, 'POST', '/api/campaigns', ADMIN_TOKEN, { name: 'Valet', startsOn: '2026-08-01', electionDay: '2026-09-13' }), 201, zCampaign);
    await execute(store, sql`UPDATE call_lists SET campaign_id = ${valet.id} WHERE id = ${archived.listId}`);
    await execute(store, sql`UPDATE contacts SET voting_district = CASE WHEN id % 2 = 0 THEN '01800101' ELSE '01800102' END`);
    await execute(store, sql`UPDATE call_lists SET script = 'Hej, jag ringer från föreningen' WHERE id = ${archived.listId}`);

    // Each station fixed to one campaign's list: its shift belongs to that campaign.
    for (const [index, listId] of [[0, kept.listId], [1, archived.listId]] as const) {
      expect((await api(url, 'PUT', `/api/stations/${server.stations[index]!.number}/list`, ADMIN_TOKEN, { listId })).status).toBe(200);
    }
    const ada = await server.join(0, { checkin: { name: 'Ada Ringare', associationId: null } });
    const bo = await server.join(1, { checkin: { name: 'Bo Blomqvist', associationId: null } });
    for (const [station, note] of [[ada, 'Vill ha mer information'], [bo, NOTE]] as const) {
      for (const outcome of ['conversation', 'no_answer'] as const) {
        const offered = assignmentOf(await station.emitWithAck('contact:next'));
        await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, note });
      }
    }
    expect(await column(store, sql`SELECT campaign_id FROM shifts ORDER BY id`)).toEqual([1, valet.id]);
    // Bo holds the campaign's last person when it is archived.
    const held = assignmentOf(await bo.emitWithAck('contact:next'));
    expect(ARCHIVED_PHONES).toContain(held.contact.phone);

    // Answers and new helpers on both campaigns' calls (their own routes are another feature's).
    for (const call of await rows<{ id: number }>(store, sql`SELECT id FROM calls ORDER BY id`)) {
      await execute(store, sql`INSERT INTO call_answers (call_id, question_key, value) VALUES (${call.id}, 'stod', ${call.id % 2 ? 'ja' : 'nej'})`);
    }
    for (const { listId, associationId } of [kept, archived]) {
      await execute(
        store,
        sql`INSERT INTO new_helpers (association_id, list_id, name, phone, created_at) VALUES (${associationId}, ${listId}, 'Hjälpsam Person', ${`+4670${listId}000000`}, 0)`,
      );
    }
    // Vera booked only this campaign's sessions; Walter this one's and the other's; Xena only the other's.
    const start = Date.now() + 24 * HOUR;
    const valetSession = await buildSession(server.app, { roomId: 1, startsAt: start, campaignId: valet.id, capacity: 2 });
    const firstSession = await buildSession(server.app, { roomId: 1, startsAt: start + 4 * HOUR, campaignId: 1, capacity: 2 });
    const vera = await buildVolunteer(server.app, { ...VERA, createdAt: 0 });
    const walter = await buildVolunteer(server.app, { name: 'Walter Wall', email: 'walter@example.org', createdAt: 0 });
    const xena = await buildVolunteer(server.app, { name: 'Xena Xu', email: 'xena@example.org', createdAt: 0 });
    for (const [volunteerId, sessionId] of [[vera.id, valetSession], [walter.id, valetSession], [walter.id, firstSession], [xena.id, firstSession]] as const) {
      await buildBooking(server.app, { sessionId, volunteerId, createdAt: 0 });
    }

    const figures = [
      `/api/stats?campaignId=1`,
      `/api/stats?campaignId=${valet.id}`,
      `/api/standings?campaignId=1`,
      `/api/standings?campaignId=${valet.id}`,
      '/api/volunteers',
    ];
    const before = await Promise.all(figures.map(read));
    const leaderboardBefore = zLeaderboard.parse(await read('/api/leaderboard'));
    const districts = () => Promise.all([kept, archived].map(async ({ listId }) => ((await read(`/api/lists/${listId}/progress`)) as { districts: unknown }).districts));
    const districtsBefore = await districts();
    const rowsBefore = await figureRows(store);
    const keptBefore = await keptRows(store, kept.listId, vera.id);
    const traces = [...ARCHIVED_PHONES, NOTE, 'Bo Blomqvist', VERA.name, VERA.email, 'föreningen'];
    expect((await tracesInStore(store, traces)).length).toBeGreaterThan(0);

    const withdrawn = waitForEvent(bo, 'contact:withdrawn');
    const answer = await bodyOf(await api(url, 'POST', `/api/campaigns/${valet.id}/archive`, ADMIN_TOKEN, { confirm: 'ARKIVERA Valet' }), 200, zCampaignArchived);
    expect(answer).toEqual({ contacts: 3, calls: 2, answers: 2, newHelpers: 1, shifts: 1, volunteers: 1 });
    expect(await withdrawn).toEqual({ assignmentId: held.id });

    expect(await tracesInStore(store, traces)).toEqual([]);
    expect(await Promise.all(figures.map(read))).toEqual(before);
    // The stations' leaderboard shows the active campaigns: now the one left, exactly as it ranked before.
    const leaderboardAfter = zLeaderboard.parse(await read('/api/leaderboard'));
    expect(leaderboardAfter).toEqual({ municipalities: leaderboardBefore.campaigns.find((c) => c.id === 1)!.municipalities, campaigns: [] });
    expect(await districts()).toEqual(districtsBefore);
    expect(await figureRows(store)).toEqual(rowsBefore);
    expect(await keptRows(store, kept.listId, vera.id)).toEqual(keptBefore);
    expect(await column(store, sql`SELECT name FROM shifts WHERE campaign_id = ${valet.id}`)).toEqual(['Volontär 1']);
    // Booleans come back as 0/1 from SQLite and true/false from PostgreSQL.
    const list = await rows<{ active: unknown }>(store, sql`SELECT name, active, script FROM call_lists WHERE id = ${archived.listId}`);
    expect(list.map((row) => ({ ...row, active: Number(row.active) }))).toEqual([{ name: `Lista ${archived.listId}`, active: 0, script: null }]);
    const campaigns = await rows(store, sql`SELECT id, status, CASE WHEN archived_at IS NOT NULL THEN 1 ELSE 0 END AS archived FROM campaigns ORDER BY id`);
    expect(await rows(store, sql`SELECT name, email FROM volunteers WHERE id = ${vera.id}`)).toEqual([{ name: '', email: null }]);
    expect(campaigns).toEqual([{ id: 1, status: 'active', archived: 0 }, { id: valet.id, status: 'archived', archived: 1 }]);
    const { entries } = (await read('/api/audit')) as { entries: { action: string; target: string; detail: unknown }[] };
    expect(entries.filter((entry) => entry.target === `campaign:${valet.id}` && entry.action === 'erase')).toMatchObject([{ detail: { archived: true, contacts: 3 } }]);
  });

  /**
   * The second list moves to a new campaign, "Valet", and station 1 is fixed to it with Ada checked
   * in; `archive` archives Valet.
   */
  async function valetBeside(campaign: CampaignServer) {
    const [kept, archived] = campaign.lists as [CampaignServer['lists'][0], CampaignServer['lists'][0]];
    const valet = await bodyOf(await api(campaign.url, 'POST', '/api/campaigns', ADMIN_TOKEN, { name: 'Valet', startsOn: '2026-08-01' }), 201, zCampaign);
    await execute(campaign.app.store, sql`UPDATE call_lists SET campaign_id = ${valet.id} WHERE id = ${archived.listId}`);
    expect((await api(campaign.url, 'PUT', `/api/stations/${campaign.stations[0]!.number}/list`, ADMIN_TOKEN, { listId: archived.listId })).status).toBe(200);
    const fixed = await campaign.join(0, { checkin: { name: 'Ada', associationId: null } });
    const archive = async () =>
      bodyOf(await api(campaign.url, 'POST', `/api/campaigns/${valet.id}/archive`, ADMIN_TOKEN, { confirm: 'ARKIVERA Valet' }), 200, zCampaignArchived);
    return { kept, archived, fixed, archive };
  }

  it("never hands a station an archived campaign's contacts, whether fixed to its list or calling every list", async () => {
    server = await startCampaign({ lists: [{ phones: KEPT_PHONES.slice(0, 1) }, { phones: ARCHIVED_PHONES }], stations: 2 });
    const { url } = server;
    const store = server.app.store;
    const { kept, archived, fixed, archive } = await valetBeside(server);
    const free = await server.join(1, { checkin: { name: 'Bo', associationId: null } });
    expect(ARCHIVED_PHONES).toContain(assignmentOf(await fixed.emitWithAck('contact:next')).contact.phone);

    await archive();

    const fixedNext = await fixed.emitWithAck('contact:next');
    expect(fixedNext).toMatchObject({ ok: true, assignment: null });
    // A station on every list gets the other campaign's one person, and then nobody.
    const first = assignmentOf(await free.emitWithAck('contact:next'));
    expect(first.contact.phone).toBe(KEPT_PHONES[0]);
    await free.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation' });
    expect(await free.emitWithAck('contact:next')).toMatchObject({ ok: true, assignment: null });
    // Nor can an import bring people back into it.
    const reimport = await postCsv(url, `/api/lists/${archived.listId}/import`, ADMIN_TOKEN, `Namn;Telefon\r\nÅter Komst;${ARCHIVED_PHONES[0]}\r\n`);
    expect(reimport.status).toBe(409);
    // Said in words on the association's page, not taken for another import running (also 409).
    expect(await reimport.json()).toMatchObject({ error: { code: 'conflict', reason: 'list_campaign_archived' } });
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM contacts WHERE list_id = ${archived.listId}`)).toBe(0);
    expect(await single(store, sql`SELECT COUNT(*) AS n FROM contacts WHERE list_id = ${kept.listId}`)).toBe(1);
  });

  it('gives back to the other campaign a person it shares with the archived one, who was being called through it', async () => {
    const shared = KEPT_PHONES[0]!;
    server = await startCampaign({ lists: [{ phones: [shared] }, { phones: [shared] }], stations: 2 });
    const { kept, archived, fixed, archive } = await valetBeside(server);
    expect(assignmentOf(await fixed.emitWithAck('contact:next')).contact.id).toBe(archived.contactIds[0]);
    // The number is held on both lists while Ada calls it through the archived campaign's list.
    expect(await single(server.app.store, sql`SELECT status FROM contacts WHERE id = ${kept.contactIds[0]}`)).toBe('held');

    await archive();

    const free = await server.join(1, { checkin: { name: 'Bo', associationId: null } });
    expect(assignmentOf(await free.emitWithAck('contact:next')).contact.id).toBe(kept.contactIds[0]);
  });
});

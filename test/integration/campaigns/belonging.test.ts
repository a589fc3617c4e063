import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zCampaign, zCampaignArchived, zTotals } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute, rows, single } from '../../helpers/store-values.ts';

let server: CampaignServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const admin = (method: string, path: string, body?: unknown) => api(server!.url, method, path, ADMIN_TOKEN, body);
const newCampaign = async (name: string, startsOn: string) => bodyOf(await admin('POST', '/api/campaigns', { name, startsOn }), 201, zCampaign);
const zMade = z.object({ sessions: z.array(z.object({ id: z.number() })) });

describe('what belongs to which campaign', () => {
  it('puts new sessions in the campaign named, else in the active one that started last; an archived one answers 400', async () => {
    server = await startCampaign({ lists: [], stations: 2 });
    const store = server.app.store;
    const later = await newCampaign('Senare', '2030-01-01');
    const gone = await newCampaign('Förr', '2001-01-01');
    await bodyOf(await admin('POST', `/api/campaigns/${gone.id}/archive`, { confirm: 'ARKIVERA Förr' }), 200, zCampaignArchived);
    const campaignOf = (id: number) => single(store, sql`SELECT campaign_id FROM calling_sessions WHERE id = ${id}`);
    const slot = (day: number) => ({ startsAt: `2030-03-0${day}T17:00:00.000Z`, endsAt: `2030-03-0${day}T19:00:00.000Z` });

    const named = await bodyOf(await admin('POST', '/api/rooms/1/sessions', { ...slot(1), campaignId: 1 }), 201, zMade);
    expect(await campaignOf(named.sessions[0]!.id)).toBe(1);
    const unnamed = await bodyOf(await admin('POST', '/api/rooms/1/sessions', slot(2)), 201, zMade);
    expect(await campaignOf(unnamed.sessions[0]!.id)).toBe(later.id);
    const series = { series: { from: '2030-04-01', to: '2030-04-07', weekdays: [1, 3], dailyStart: '17:00', dailyEnd: '19:00', slotMinutes: 120 }, campaignId: 1 };
    const made = await bodyOf(await admin('POST', '/api/rooms/1/sessions', series), 201, zMade);
    expect(await Promise.all(made.sessions.map((session) => campaignOf(session.id)))).toEqual([1, 1]);
    expect((await admin('POST', '/api/rooms/1/sessions', { ...slot(3), campaignId: gone.id })).status).toBe(400);
    expect((await admin('POST', '/api/rooms/1/sessions', { ...slot(3), campaignId: 999 })).status).toBe(400);
  });

  it("starts a shift in its station's list's campaign, else in the active campaign that started last", async () => {
    server = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 2 });
    const later = await newCampaign('Senare', '2030-01-01');
    expect((await admin('PUT', `/api/stations/${server.stations[0]!.number}/list`, { listId: server.lists[0]!.listId })).status).toBe(200);
    await server.join(0, { checkin: { name: 'Ada', associationId: null } });
    await server.join(1, { checkin: { name: 'Bo', associationId: null } });
    expect(await rows(server.app.store, sql`SELECT station_id, campaign_id FROM shifts ORDER BY station_id`)).toEqual([
      { station_id: server.stations[0]!.id, campaign_id: 1 },
      { station_id: server.stations[1]!.id, campaign_id: later.id },
    ]);
  });

  it("answers GET /api/stats for one campaign's lists, or every active campaign's together", async () => {
    server = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(2), phoneNumber(3)] }], stations: 1 });
    const other = await newCampaign('Andra', '2030-01-01');
    await execute(server.app.store, sql`UPDATE call_lists SET campaign_id = ${other.id} WHERE id = ${server.lists[1]!.listId}`);
    const station = await server.join(0, { checkin: { name: 'Ada', associationId: null } });
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    const stats = async (query: string) => bodyOf(await admin('GET', `/api/stats${query}`), 200, zTotals);
    const first = await stats('?campaignId=1');
    const second = await stats(`?campaignId=${other.id}`);
    expect([first.contacts, second.contacts]).toEqual([1, 2]);
    expect(first.attempts + second.attempts).toBe(1);
    expect(await stats('')).toEqual({
      contacts: 3,
      personsCalled: 1,
      attempts: 1,
      answered: first.answered + second.answered,
      conversations: 1,
    });
    await bodyOf(await admin('POST', `/api/campaigns/${other.id}/archive`, { confirm: 'ARKIVERA Andra' }), 200, zCampaignArchived);
    expect(await stats('')).toEqual(first);
    expect((await admin('GET', '/api/stats?campaignId=999')).status).toBe(404);
  });

  it("answers GET /api/standings for one campaign's lists and shifts; an archived campaign is the admin's to read", async () => {
    server = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(2), phoneNumber(3)] }], stations: 1 });
    const other = await newCampaign('Andra', '2030-01-01');
    const [first, second] = server.lists as [CampaignServer['lists'][0], CampaignServer['lists'][0]];
    await execute(server.app.store, sql`UPDATE call_lists SET campaign_id = ${other.id} WHERE id = ${second.listId}`);
    const zStandingsRows = z.object({ associations: z.array(z.object({ key: z.string(), campaign: z.object({ contacts: z.number() }) })) });
    const contactsOf = async (query: string, token = ADMIN_TOKEN) => {
      const { associations } = await bodyOf(await api(server!.url, 'GET', `/api/standings${query}`, token), 200, zStandingsRows);
      return Object.fromEntries(associations.map((row) => [row.key, row.campaign.contacts]));
    };
    const [a, b] = [String(first.associationId), String(second.associationId)];
    expect(await contactsOf('')).toMatchObject({ [a]: 1, [b]: 2 });
    expect(await contactsOf('?campaignId=1')).toMatchObject({ [a]: 1, [b]: 0 });
    expect(await contactsOf(`?campaignId=${other.id}`)).toMatchObject({ [a]: 0, [b]: 2 });

    const leader = (await bodyOf(await admin('POST', '/api/leader-links', { roomId: 1 }), 201, z.object({ token: z.string() }))).token;
    expect(await contactsOf(`?campaignId=${other.id}`, leader)).toMatchObject({ [b]: 2 });
    await bodyOf(await admin('POST', `/api/campaigns/${other.id}/archive`, { confirm: 'ARKIVERA Andra' }), 200, zCampaignArchived);
    expect(await contactsOf(`?campaignId=${other.id}`)).toMatchObject({ [b]: 2 });
    expect((await api(server.url, 'GET', `/api/standings?campaignId=${other.id}`, leader)).status).toBe(404);
    expect((await admin('GET', '/api/standings?campaignId=999')).status).toBe(404);
  });
});

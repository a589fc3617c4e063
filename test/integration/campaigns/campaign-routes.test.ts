import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { zCallListSummary, zCampaign } from '@ringstuga/shared';
import { createLink } from '../../helpers/admin-setup.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let server: CampaignServer;
let leader: string;
const admin = (method: string, path: string, body?: unknown) => api(server.url, method, path, ADMIN_TOKEN, body);
const zCampaigns = z.object({ campaigns: z.array(zCampaign) });
const zLists = z.object({ lists: z.array(zCallListSummary) });
const errorOf = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { message: string } }).error.message;
};
/** The refusal's reason and params, which the campaigns page says in its own language. */
const whyOf = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  const { error } = (await response.json()) as { error: { reason?: string; params?: unknown } };
  return { reason: error.reason, params: error.params };
};

beforeAll(async () => {
  server = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
  leader = (await createLink(server.url, 'leader', { roomId: 1 })).token;
});
afterAll(async () => {
  await server?.close();
});

describe('campaigns', () => {
  it('makes a campaign (201), refuses a name in use (409) and dates out of order (400)', async () => {
    const made = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Val 2030', startsOn: '2030-08-01', electionDay: '2030-09-08', endsOn: '2030-09-08' }), 201, zCampaign);
    expect(made).toMatchObject({ name: 'Val 2030', startsOn: '2030-08-01', electionDay: '2030-09-08', endsOn: '2030-09-08', status: 'active', copiedFrom: null, archivedAt: null });
    expect(await whyOf(await admin('POST', '/api/campaigns', { name: 'Val 2030', startsOn: '2030-01-01' }), 409)).toEqual({ reason: 'campaign_name_taken', params: { name: 'Val 2030' } });
    await errorOf(await admin('POST', '/api/campaigns', { name: 'Baklänges', startsOn: '2030-08-01', endsOn: '2030-07-01' }), 400);
    const always = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Medlemssamtal', startsOn: '2030-01-01' }), 201, zCampaign);
    expect(always.endsOn).toBeNull();
  });

  it('edits a campaign, checking new dates against the stored ones and names against the others', async () => {
    const made = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Första maj', startsOn: '2031-04-01', endsOn: '2031-05-01' }), 201, zCampaign);
    const moved = await bodyOf(await admin('PATCH', `/api/campaigns/${made.id}`, { name: 'Första maj 2031', endsOn: null }), 200, zCampaign);
    expect(moved).toMatchObject({ name: 'Första maj 2031', startsOn: '2031-04-01', endsOn: null });
    expect(await whyOf(await admin('PATCH', `/api/campaigns/${made.id}`, { endsOn: '2031-03-01' }), 400)).toEqual({ reason: 'campaign_ends_before_start', params: undefined });
    await errorOf(await admin('PATCH', `/api/campaigns/${made.id}`, { name: 'Kampanj 1' }), 409);
    await errorOf(await admin('PATCH', '/api/campaigns/9999', { name: 'Ingen' }), 404);
  });

  it('shows the admin every campaign and a leader only the active ones', async () => {
    const made = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Gammal', startsOn: '2020-01-01' }), 201, zCampaign);
    await bodyOf(await admin('POST', `/api/campaigns/${made.id}/archive`, { confirm: 'ARKIVERA Gammal' }), 200, z.unknown());
    const all = await bodyOf(await admin('GET', '/api/campaigns'), 200, zCampaigns);
    expect(all.campaigns.find((c) => c.id === made.id)).toMatchObject({ status: 'archived' });
    const seen = await bodyOf(await api(server.url, 'GET', '/api/campaigns', leader), 200, zCampaigns);
    expect(seen.campaigns.length).toBeGreaterThan(0);
    expect(seen.campaigns.every((c) => c.status === 'active')).toBe(true);
    expect(seen.campaigns.map((c) => c.id)).not.toContain(made.id);
  });

  it('archives only with the typed confirmation, once; an archived campaign refuses edits and new lists', async () => {
    const made = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Avslutad', startsOn: '2019-01-01' }), 201, zCampaign);
    expect(await errorOf(await admin('POST', `/api/campaigns/${made.id}/archive`, { confirm: 'ARKIVERA fel' }), 400)).toContain('ARKIVERA Avslutad');
    await bodyOf(await admin('POST', `/api/campaigns/${made.id}/archive`, { confirm: 'ARKIVERA Avslutad' }), 200, z.unknown());
    await errorOf(await admin('POST', `/api/campaigns/${made.id}/archive`, { confirm: 'ARKIVERA Avslutad' }), 409);
    await errorOf(await admin('PATCH', `/api/campaigns/${made.id}`, { name: 'Igen' }), 409);
    const associationId = server.lists[0]!.associationId;
    expect(await errorOf(await admin('POST', '/api/lists', { name: 'Sen lista', associationId, campaignId: made.id }), 400)).toContain('archived');
    await errorOf(await admin('POST', '/api/lists', { name: 'Sen lista', associationId, campaignId: 9999 }), 400);
  });
});

describe("lists' campaign", () => {
  it('puts a new list in the campaign asked for, else in the active campaign that started last, and lists it with its campaign', async () => {
    const associationId = server.lists[0]!.associationId;
    const early = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Tidig', startsOn: '2000-01-01' }), 201, zCampaign);
    const latest = await bodyOf(await admin('POST', '/api/campaigns', { name: 'Senaste', startsOn: '2099-01-01' }), 201, zCampaign);
    const asked = await bodyOf(await admin('POST', '/api/lists', { name: 'Tidig lista', associationId, campaignId: early.id }), 201, zCallListSummary);
    expect(asked.campaignId).toBe(early.id);
    const unnamed = await bodyOf(await admin('POST', '/api/lists', { name: 'Någon lista', associationId }), 201, zCallListSummary);
    expect(unnamed.campaignId).toBe(latest.id);
    const { lists } = await bodyOf(await admin('GET', '/api/lists'), 200, zLists);
    expect(lists.find((list) => list.id === server.lists[0]!.listId)?.campaignId).toBe(1);
    expect(lists.find((list) => list.id === asked.id)?.campaignId).toBe(early.id);
  });
});

describe('without an active campaign', () => {
  it('refuses a new list with the reason the association page says in its own words', async () => {
    const lone = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    try {
      await lone.app.store.write((q) => q.run(sql`UPDATE campaigns SET status = 'archived'`));
      const refused = await api(lone.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'Ny lista', associationId: lone.lists[0]!.associationId });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 'invalid_request', reason: 'no_active_campaign' } });
    } finally {
      await lone.close();
    }
  });
});

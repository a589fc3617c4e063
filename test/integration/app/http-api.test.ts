import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { connectStation } from '../../helpers/station-client.ts';

let campaign: CampaignServer;
beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityCode: '0180', municipalityName: 'Stockholm' }], stations: 3 });
});
afterAll(async () => campaign.close());

const get = (path: string, token?: string) =>
  fetch(`${campaign.url}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('the HTTP API', () => {
  it('answers the health check without a token', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it.each(['/api/stations', '/api/leaderboard', '/api/stats'])('%s answers 401 and nothing about the data without the admin token', async (path) => {
    for (const token of [undefined, '', 'wrong-token', campaign.stations[0]!.token, `${ADMIN_TOKEN}x`]) {
      const response = await get(path, token);
      expect(response.status).toBe(401);
      const body = await response.text();
      expect(body).not.toMatch(/Stockholm|Station|\+46|contacts/);
    }
  });

  it('lists the stations with join links that really join', async () => {
    const response = await get('/api/stations', ADMIN_TOKEN);
    expect(response.status).toBe(200);
    const { stations } = (await response.json()) as { stations: { number: number; name: string; token: string; url: string }[] };
    expect(stations.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(stations[0]).toMatchObject({ name: 'Station 1', url: `${campaign.url}/station#token=${stations[0]!.token}` });
    const socket = await connectStation(campaign.url, stations[2]!.token);
    socket.close();
  });

  it('serves the leaderboard and the campaign totals to the admin', async () => {
    expect(await (await get('/api/leaderboard', ADMIN_TOKEN)).json()).toEqual({
      municipalities: [{ code: '0180', name: 'Stockholm', contacts: 1, personsCalled: 0, attempts: 0, answered: 0, conversations: 0 }],
      // One active campaign: no per-campaign copy.
      campaigns: [],
    });
    expect(await (await get('/api/stats', ADMIN_TOKEN)).json()).toEqual({ contacts: 1, personsCalled: 0, attempts: 0, answered: 0, conversations: 0 });
  });

  it('describes every route in an OpenAPI document generated from the zod schemas', async () => {
    const response = await get('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { security?: unknown }>> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/access-links',
      '/api/access-links/{id}',
      '/api/associations',
      '/api/associations/{id}/access',
      '/api/associations/{id}/access/{linkId}',
      '/api/associations/{id}/new-helpers',
      '/api/associations/{id}/new-helpers/{helperId}/sent',
      '/api/associations/{id}/returning-volunteers',
      '/api/associations/{id}/sessions',
      '/api/associations/{id}/teams',
      '/api/associations/{id}/teams/{teamId}',
      '/api/audit',
      '/api/campaigns',
      '/api/campaigns/comparable',
      '/api/campaigns/compare',
      '/api/campaigns/{id}',
      '/api/campaigns/{id}/archive',
      '/api/campaigns/{id}/questions',
      '/api/do-not-call',
      '/api/do-not-call/import',
      '/api/do-not-call/{phone}',
      '/api/health',
      '/api/leader-links',
      '/api/leaderboard',
      '/api/lists',
      '/api/lists/{id}',
      '/api/lists/{id}/answers',
      '/api/lists/{id}/attempts.csv',
      '/api/lists/{id}/attempts.xlsx',
      '/api/lists/{id}/changes.csv',
      '/api/lists/{id}/changes.xlsx',
      '/api/lists/{id}/export.csv',
      '/api/lists/{id}/export.xlsx',
      '/api/lists/{id}/import',
      '/api/lists/{id}/import-progress',
      '/api/lists/{id}/progress',
      '/api/lists/{id}/questions',
      '/api/me',
      '/api/me/bookings',
      '/api/me/bookings/{id}',
      '/api/me/calendar.ics',
      '/api/me/sessions',
      '/api/metrics',
      '/api/mobilisation',
      '/api/people/{phone}',
      '/api/pledges',
      '/api/purge',
      '/api/rooms',
      '/api/rooms/{id}/address',
      '/api/rooms/{id}/remote-stations',
      '/api/rooms/{id}/sessions',
      '/api/rooms/{id}/stations',
      '/api/screen-links',
      '/api/sessions/{id}',
      '/api/shifts.csv',
      '/api/shifts.xlsx',
      '/api/signup-links',
      '/api/signup-links/{id}',
      '/api/signup/bookings',
      '/api/signup/sessions',
      '/api/standings',
      '/api/stations',
      '/api/stations/{number}/list',
      '/api/stations/{number}/token',
      '/api/stats',
      '/api/volunteers',
      '/api/volunteers.csv',
      '/api/volunteers.xlsx',
      '/api/volunteers/find',
      '/api/volunteers/{id}',
    ]);
    expect(document.paths['/api/leaderboard']!.get!.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(document.paths['/api/leaderboard'])).toContain('conversations');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await get('/api/nothing-here', ADMIN_TOKEN);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('the metrics route', () => {
  it('tells the admin the event-loop delay, memory and connected stations, and nobody else', async () => {
    expect((await get('/api/metrics')).status).toBe(401);
    expect((await get('/api/metrics', campaign.stations[0]!.token)).status).toBe(401);
    const socket = await connectStation(campaign.url, campaign.stations[1]!.token);
    const metrics = (await (await get('/api/metrics?reset=true', ADMIN_TOKEN)).json()) as Record<string, unknown>;
    socket.close();
    expect(metrics).toMatchObject({ stationsConnected: 1, eventLoopDelayMs: { p50: expect.any(Number), p99: expect.any(Number) } });
    expect(metrics.rssMb).toBeGreaterThan(10);
    expect((await get('/api/metrics?reset=maybe', ADMIN_TOKEN)).status).toBe(400);
  });
});

describe('lists and station scope', () => {
  const put = (path: string, body: unknown, token = ADMIN_TOKEN) =>
    fetch(`${campaign.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lists the call lists with their association and municipality, to the admin only', async () => {
    expect((await get('/api/lists')).status).toBe(401);
    const { lists } = (await (await get('/api/lists', ADMIN_TOKEN)).json()) as { lists: unknown[] };
    expect(lists).toEqual([
      { id: campaign.lists[0]!.listId, name: expect.any(String), active: true, association: { id: expect.any(Number), name: expect.any(String) }, municipality: { code: '0180', name: 'Stockholm' }, contacts: 1, notesEnabled: true, campaignId: 1 },
    ]);
  });

  it('refuses to fix a station without the admin token, to an unknown list or station, or with a malformed body', async () => {
    const listId = campaign.lists[0]!.listId;
    expect((await put('/api/stations/1/list', { listId }, campaign.stations[0]!.token)).status).toBe(401);
    expect((await put('/api/stations/1/list', { listId: 9999 })).status).toBe(404);
    expect((await put('/api/stations/99/list', { listId })).status).toBe(404);
    expect((await put('/api/stations/1/list', { listId: 'all' })).status).toBe(400);
    expect((await put('/api/stations/1/list', { listId, extra: 1 })).status).toBe(400);
    const { stations } = (await (await get('/api/stations', ADMIN_TOKEN)).json()) as { stations: { listId: number | null }[] };
    expect(stations.map((s) => s.listId)).toEqual([null, null, null]);
  });
});

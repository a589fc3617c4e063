import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { zRoomSummary } from '@ringstuga/shared';
import { createLink, createRoom } from '../../helpers/admin-setup.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

const zRooms = z.object({ timeZone: z.string(), rooms: z.array(zRoomSummary) });
let campaign: CampaignServer;

beforeAll(async () => {
  campaign = await startCampaign({ lists: [], stations: 4 });
  await createRoom(campaign.url, 'Rum 2', 2);
});
afterAll(async () => {
  await campaign?.close();
});

it('counts each room’s own stations in GET /api/rooms, which the planning page offers as a session’s capacity, and gives its address', async () => {
  const all = await bodyOf(await api(campaign.url, 'GET', '/api/rooms', ADMIN_TOKEN), 200, zRooms);
  // With the campaign's clock, which the set-up page shows its links' times on.
  expect(all.timeZone).toBe(campaign.app.config.timeZone);
  expect(all.rooms).toEqual([
    { id: 1, name: 'Rum 1', stations: 4, address: null },
    { id: 2, name: 'Rum 2', stations: 2, address: null },
  ]);
  const leader = await createLink(campaign.url, 'leader', { roomId: 2 });
  await bodyOf(await api(campaign.url, 'PUT', '/api/rooms/2/address', leader.token, { address: 'Storgatan 1, plan 2' }), 200, z.unknown());
  expect((await bodyOf(await api(campaign.url, 'GET', '/api/rooms', leader.token), 200, zRooms)).rooms).toEqual([
    { id: 2, name: 'Rum 2', stations: 2, address: 'Storgatan 1, plan 2' },
  ]);
});

it('refuses a second room of the same name with 409 and the reason the set-up page says in words', async () => {
  const again = await api(campaign.url, 'POST', '/api/rooms', ADMIN_TOKEN, { name: 'Rum 2' });
  expect(again.status).toBe(409);
  expect(await again.json()).toEqual({ error: { code: 'conflict', message: 'A room with that name exists', reason: 'room_name_taken' } });
});

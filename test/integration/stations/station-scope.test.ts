import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignServer } from '../../helpers/campaign-server.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { rows } from '../../helpers/store-values.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe("fixing a station to a list", () => {
  it("is one thing over the leader's station:scope and PUT /api/stations/{number}/list: the same refusals, audit rows and announcement", async () => {
    const rooms = await startRooms();
    campaign = rooms.campaign;
    const { leader, other } = rooms;
    const store = campaign.app.store;
    const [ale, botkyrka] = campaign.lists as [CampaignServer['lists'][0], CampaignServer['lists'][0]];
    const [first, second] = campaign.stations as [CampaignServer['stations'][0], CampaignServer['stations'][0]];
    const station = await campaign.join(0);
    const audited = async () =>
      (await rows<{ actor: string; target: string; detail: string }>(store, sql`SELECT actor, target, detail FROM audit_log WHERE action = 'station_list' ORDER BY id`)).map(
        (row) => ({ ...row, detail: JSON.parse(row.detail) as unknown }),
      );

    // Over the socket: the station hears that its lists changed, and the change is audited.
    const heard = waitForEvent(station, 'lists:changed');
    await expect(leader.emitWithAck('station:scope', { stationId: first.id, listId: ale.listId })).resolves.toEqual({ ok: true });
    await heard;
    // Over HTTP, the same.
    const heardAgain = waitForEvent(station, 'lists:changed');
    const put = await api(campaign.url, 'PUT', `/api/stations/${first.number}/list`, ADMIN_TOKEN, { listId: botkyrka.listId });
    expect(put.status).toBe(200);
    await heardAgain;
    const freed = await api(campaign.url, 'PUT', `/api/stations/${second.number}/list`, ADMIN_TOKEN, { listId: null });
    expect(freed.status).toBe(200);
    expect(await audited()).toEqual([
      { actor: expect.stringMatching(/^leader:\d+$/), target: `station:${first.id}`, detail: { roomId: 1, listId: ale.listId } },
      { actor: 'admin', target: `station:${first.id}`, detail: { roomId: 1, listId: botkyrka.listId } },
      { actor: 'admin', target: `station:${second.id}`, detail: { roomId: 1, listId: null } },
    ]);

    // The same refusals either way, and nothing written or audited for them.
    const elsewhere = other.stations[0]!;
    await expect(leader.emitWithAck('station:scope', { stationId: elsewhere.id, listId: ale.listId })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such station' },
    });
    await expect(leader.emitWithAck('station:scope', { stationId: first.id, listId: 9999 })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such list' },
    });
    const missingList = await api(campaign.url, 'PUT', `/api/stations/${first.number}/list`, ADMIN_TOKEN, { listId: 9999 });
    expect(missingList.status).toBe(404);
    expect(await missingList.json()).toEqual({ error: { code: 'not_found', message: 'No such list' } });
    expect(await rows(store, sql`SELECT list_id FROM stations WHERE id = ${first.id}`)).toEqual([{ list_id: botkyrka.listId }]);
    expect(await audited()).toHaveLength(3);
  });
});

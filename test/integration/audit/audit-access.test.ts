import { afterEach, describe, expect, it } from 'vitest';
import { type CampaignServer } from '../../helpers/campaign-server.ts';
import { createAssociationLink, createLink } from '../../helpers/admin-setup.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

interface Entry {
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown> | null;
}

const auditLog = async (url: string): Promise<Entry[]> =>
  ((await (await api(url, 'GET', '/api/audit?limit=500', ADMIN_TOKEN)).json()) as { entries: Entry[] }).entries.reverse();
const linkIdOf = async (url: string, label: string) =>
  ((await (await api(url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as { links: { id: number; label: string | null }[] }).links.find(
    (link) => link.label === label,
  )!.id;

describe('the audit log of who can reach what', () => {
  it('records links made and revoked, station links renewed, remote stations, phone pairings, script edits and room messages: who, when, which, never a token or a text', async () => {
    const started = Date.now();
    const rooms = await startRooms();
    campaign = rooms.campaign;
    const { url } = campaign;
    const secrets: string[] = [];

    // The leader on the board (made by startRooms) is the first link; a second leader makes things.
    const lead = await createLink(url, 'leader', { roomId: 1, label: 'Kvällens ledare' });
    secrets.push(lead.token, 'Kvällens ledare');
    const leaderId = await linkIdOf(url, 'Kvällens ledare');
    const screen = (await (await api(url, 'POST', '/api/screen-links', lead.token, { label: 'Storskärmen' })).json()) as { token: string };
    secrets.push(screen.token, 'Storskärmen');
    const remote = (await (await api(url, 'POST', '/api/rooms/1/remote-stations', lead.token, { name: 'Hemma hos Greta' })).json()) as { id: number; number: number; token: string };
    secrets.push(remote.token, 'Hemma hos Greta');
    const association = campaign.lists[0]!.associationId;
    const associationLink = await createAssociationLink(url, association, 'Föreningens länk');
    secrets.push(associationLink.token, 'Föreningens länk');
    const associationLinks = ((await (await api(url, 'GET', `/api/associations/${association}/access`, ADMIN_TOKEN)).json()) as { links: { id: number }[] }).links;
    expect((await api(url, 'DELETE', `/api/associations/${association}/access/${associationLinks[0]!.id}`, ADMIN_TOKEN)).status).toBe(204);

    const station = await campaign.join(0);
    const paired = await station.emitWithAck('pair:create');
    if (!paired.ok) throw new Error('pairing refused');
    secrets.push(paired.url.split('#token=')[1]!);
    expect(await station.emitWithAck('pair:revoke')).toEqual({ ok: true });
    await station.emitWithAck('pair:create');
    const renewed = (await (await api(url, 'POST', `/api/stations/${campaign.stations[0]!.number}/token`, ADMIN_TOKEN)).json()) as { token: string };
    secrets.push(renewed.token, campaign.stations[0]!.token);

    const listId = campaign.lists[0]!.listId;
    expect(await rooms.leader.emitWithAck('list:script', { listId, script: 'Hej, jag ringer från föreningen', instructions: null })).toEqual({ ok: true });
    expect(await rooms.leader.emitWithAck('room:message', { text: 'Fika klockan sju' })).toEqual({ ok: true });
    secrets.push('Hej, jag ringer', 'Fika klockan sju');
    expect((await api(url, 'DELETE', `/api/access-links/${leaderId}`, ADMIN_TOKEN)).status).toBe(204);

    const entries = await auditLog(url);
    const boardLeader = `leader:${leaderId - 1}`;
    expect(entries.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).toEqual([
      { actor: 'admin', action: 'link_create', target: `access_link:${leaderId - 1}`, detail: { role: 'leader', roomId: 1 } },
      { actor: 'admin', action: 'link_create', target: `access_link:${leaderId}`, detail: { role: 'leader', roomId: 1 } },
      { actor: `leader:${leaderId}`, action: 'link_create', target: `access_link:${leaderId + 1}`, detail: { role: 'screen', roomId: 1 } },
      { actor: `leader:${leaderId}`, action: 'station_create', target: `station:${remote.id}`, detail: { roomId: 1, remote: true } },
      { actor: 'admin', action: 'link_create', target: `association_link:${associationLinks[0]!.id}`, detail: { associationId: association } },
      { actor: 'admin', action: 'link_revoke', target: `association_link:${associationLinks[0]!.id}`, detail: { associationId: association } },
      { actor: `station:${campaign.stations[0]!.id}`, action: 'phone_pair', target: `station:${campaign.stations[0]!.id}`, detail: { pairing: 1 } },
      { actor: `station:${campaign.stations[0]!.id}`, action: 'phone_unpair', target: `station:${campaign.stations[0]!.id}`, detail: { reason: 'revoked' } },
      { actor: `station:${campaign.stations[0]!.id}`, action: 'phone_pair', target: `station:${campaign.stations[0]!.id}`, detail: { pairing: 2 } },
      { actor: 'admin', action: 'station_link_renew', target: `station:${campaign.stations[0]!.id}`, detail: { roomId: 1 } },
      { actor: 'admin', action: 'phone_unpair', target: `station:${campaign.stations[0]!.id}`, detail: { reason: 'revoked' } },
      { actor: boardLeader, action: 'script_edit', target: `list:${listId}`, detail: { language: null, removed: false } },
      { actor: boardLeader, action: 'room_message', target: 'room:1', detail: { message: 1 } },
      { actor: 'admin', action: 'link_revoke', target: `access_link:${leaderId}`, detail: null },
      // Revoking the leader renews the remote station it made: its old link stops working.
      { actor: 'admin', action: 'station_link_renew', target: `station:${remote.id}`, detail: { roomId: 1 } },
    ]);
    for (const entry of entries) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started);
    const text = JSON.stringify(entries);
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { StationLink } from '@ringstuga/shared';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { roomStateWhere } from '../../helpers/board-client.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { connectPhone, pairingToken } from '../../helpers/phone-client.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('remote stations', () => {
  it('a call leader makes one in their room, hands over its link, and it calls like any station', async () => {
    const { campaign, leader } = await startRooms();
    close = () => campaign.close();
    const leaderToken = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;

    const made = await api(campaign.url, 'POST', '/api/rooms/1/remote-stations', leaderToken, { name: '  Hemma hos Ada ' });
    expect(made.status).toBe(201);
    const link = (await made.json()) as StationLink;
    expect(link).toMatchObject({ name: 'Hemma hos Ada', roomId: 1, remote: true, listId: null });
    expect(link.number).toBe(5); // after stations 1–3 and room 2's station 4
    expect(new URL(link.url).hash).toBe(`#token=${link.token}`);

    const station = await connectStation(campaign.url, link.token, { checkin: { name: 'Ada', associationId: null } });
    assignmentOf(await station.emitWithAck('contact:next'));
    const board = await roomStateWhere(leader, (state) => state.stations.some((tile) => tile.number === 5 && tile.shift !== null));
    expect(board.stations.find((tile) => tile.number === 5)).toMatchObject({ remote: true, online: true, name: 'Hemma hos Ada' });
    expect(board.stations.find((tile) => tile.number === 1)).toMatchObject({ remote: false });

    // The leader renews a leaked link: the old one stops working and its connection closes.
    const closed = waitForEvent(station, 'disconnect');
    const renewed = (await (await api(campaign.url, 'POST', '/api/stations/5/token', leaderToken)).json()) as StationLink;
    expect(renewed.token).not.toBe(link.token);
    await closed;
    await expect(connectStation(campaign.url, link.token, { checkin: false })).rejects.toThrow('invalid station token');
    station.close();
  });

  it("renews the links of the remote stations a leader made when that leader's link is revoked", async () => {
    const { campaign } = await startRooms();
    close = () => campaign.close();
    const leaderLink = await createLink(campaign.url, 'leader', { roomId: 1, label: 'Lisa' });
    const made = (await (await api(campaign.url, 'POST', '/api/rooms/1/remote-stations', leaderLink.token, { name: 'Hemma' })).json()) as StationLink;
    const byAdmin = (await (await api(campaign.url, 'POST', '/api/rooms/1/remote-stations', ADMIN_TOKEN, { name: 'Annex' })).json()) as StationLink;
    const station = await connectStation(campaign.url, made.token, { checkin: { name: 'Ada', associationId: null } });
    const closed = waitForEvent(station, 'disconnect');

    const links = (await (await api(campaign.url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as { links: { id: number; label: string | null }[] };
    const id = links.links.find((link) => link.label === 'Lisa')!.id;
    expect((await api(campaign.url, 'DELETE', `/api/access-links/${id}`, ADMIN_TOKEN)).status).toBe(204);
    await closed;
    await expect(connectStation(campaign.url, made.token, { checkin: false })).rejects.toThrow('invalid station token');
    // A station the admin made is not the leader's to lose.
    const kept = await connectStation(campaign.url, byAdmin.token, { checkin: false });
    kept.close();
    station.close();
  });

  it("voids a link a leader renewed, and closes its station and paired phone, when that leader's link is revoked", async () => {
    const { campaign } = await startRooms();
    close = () => campaign.close();
    const lisa = await createLink(campaign.url, 'leader', { roomId: 1, label: 'Lisa' });
    const made = (await (await api(campaign.url, 'POST', '/api/rooms/1/remote-stations', ADMIN_TOKEN, { name: 'Annex' })).json()) as StationLink;
    // Lisa renews a station the admin made: she now holds its only working link.
    const renewed = (await (await api(campaign.url, 'POST', `/api/stations/${made.number}/token`, lisa.token)).json()) as StationLink;
    const station = await connectStation(campaign.url, renewed.token, { checkin: { name: 'Ada', associationId: null } });
    const pairing = await station.emitWithAck('pair:create');
    if (!pairing.ok) throw new Error('pairing refused');
    const { phone } = await connectPhone(campaign.url, pairingToken(pairing.url));
    const stationClosed = waitForEvent(station, 'disconnect');
    const phoneClosed = waitForEvent(phone, 'disconnect');

    const links = (await (await api(campaign.url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as { links: { id: number; label: string | null }[] };
    const id = links.links.find((link) => link.label === 'Lisa')!.id;
    expect((await api(campaign.url, 'DELETE', `/api/access-links/${id}`, ADMIN_TOKEN)).status).toBe(204);
    await Promise.all([stationClosed, phoneClosed]);
    await expect(connectStation(campaign.url, renewed.token, { checkin: false })).rejects.toThrow('invalid station token');
    await expect(connectPhone(campaign.url, pairingToken(pairing.url))).rejects.toThrow('invalid or expired pairing');
    station.close();
    phone.close();
  });

  it('refuses an empty name with a clear error', async () => {
    const { campaign } = await startRooms();
    close = () => campaign.close();
    const leaderToken = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
    const response = await api(campaign.url, 'POST', '/api/rooms/1/remote-stations', leaderToken, { name: '   ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('a name is required') } });
  });
});

import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, connectScreen, type RoomClient, roomStateWhere, screenStateWhere } from '../../helpers/board-client.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { connect } from '../../helpers/socket-connect.ts';
import { connectStation, type StationClient, stationSocket } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import type { RoomMessage } from '@ringstuga/shared';
import { assignmentOf, manualClock, MINUTE, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
const extra: { close(): unknown }[] = [];
afterEach(async () => {
  extra.splice(0).forEach((socket) => socket.close());
  await campaign?.close();
  campaign = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 60 * MINUTE;

async function start(now?: () => number) {
  const rooms = await startRooms({ now });
  campaign = rooms.campaign;
  return { ...rooms, campaign, store: campaign.app.store };
}

/** A station of another room, checked in; closed after the test. */
async function joinElsewhere(url: string, token: string): Promise<StationClient> {
  const station = await connectStation(url, token);
  extra.push(station);
  return station;
}

/** Every room:message a station gets from now on. */
function collect(station: StationClient): RoomMessage[] {
  const seen: RoomMessage[] = [];
  station.on('room:message', (message) => seen.push(message));
  return seen;
}

/** The board as generated at or after the clock's current time. */
const boardNow = (leader: RoomClient, now: number) => roomStateWhere(leader, (state) => Date.parse(state.generatedAt) >= now);

describe('room:message', () => {
  it("reaches the leader's room only, and a station connecting later while it is recent", async () => {
    const clock = manualClock();
    const { campaign, leader, other } = await start(clock.now);
    const here = await campaign.join(0);
    const there = await joinElsewhere(campaign.url, other.stations[0]!.token);
    const seenThere = collect(there);

    const received = waitForEvent(here, 'room:message');
    await expect(leader.emitWithAck('room:message', { text: '  Fika klockan tre  ' })).resolves.toEqual({ ok: true });
    const message = await received;
    expect(message).toEqual({ id: expect.any(Number), text: 'Fika klockan tre', createdAt: iso(clock.now()) });
    const roomCommands = campaign.app.roomCommands;
    const read = campaign.app.store.read.bind(campaign.app.store);
    expect([await read((q) => roomCommands.recentMessages(q, 1, clock.now())), await read((q) => roomCommands.recentMessages(q, other.roomId, clock.now()))]).toEqual([
      [message],
      [],
    ]);
    // Anything sent to the other room's station would have arrived before this answer.
    await there.emitWithAck('contact:next');
    expect(seenThere).toEqual([]);

    clock.advance(HOUR);
    const late = stationSocket(campaign.url, campaign.stations[1]!.token);
    extra.push(late);
    const resent = waitForEvent(late, 'room:message');
    await connect(late);
    expect(await resent).toEqual(message);

    const lateThere = stationSocket(campaign.url, other.stations[0]!.token);
    extra.push(lateThere);
    const seenLateThere = collect(lateThere);
    await connect(lateThere);
    await lateThere.emitWithAck('contact:next');
    expect(seenLateThere).toEqual([]);

    // Half a day later it is old news.
    clock.advance(12 * HOUR);
    const next = stationSocket(campaign.url, campaign.stations[2]!.token);
    extra.push(next);
    const seenNext = collect(next);
    await connect(next);
    await next.emitWithAck('contact:next');
    expect(seenNext).toEqual([]);

    await expect(leader.emitWithAck('room:message', { text: '   ' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});

describe('flags', () => {
  it('show on the board with station and volunteer, are not raised twice, and are handled by their own room only', async () => {
    const clock = manualClock();
    const { campaign, leader, other, store } = await start(clock.now);
    const station = await campaign.join(0, { checkin: { name: 'Åsa Lind', associationId: null } });
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    clock.advance(MINUTE);
    const raisedAt = clock.now();
    const flag = { message: 'Arg person, kan du ta över?', assignmentId: held.id };
    await expect(station.emitWithAck('call:flag', flag)).resolves.toEqual({ ok: true });

    const shown = await roomStateWhere(leader, (state) => state.flags.length > 0);
    const [first] = shown.flags;
    expect(shown.flags).toEqual([
      {
        id: expect.any(Number),
        station: { id: campaign.stations[0]!.id, number: 1, name: 'Station 1' },
        volunteer: 'Åsa Lind',
        message: flag.message,
        createdAt: iso(raisedAt),
      },
    ]);
    expect(await store.read((q) => q.all(sql`SELECT room_id, station_id, contact_id FROM flags ORDER BY id`))).toEqual([
      { room_id: 1, station_id: campaign.stations[0]!.id, contact_id: held.contact.id },
    ]);

    // A retried flag (same call, same words) is not raised twice.
    clock.advance(MINUTE);
    await expect(station.emitWithAck('call:flag', flag)).resolves.toEqual({ ok: true });
    expect((await boardNow(leader, clock.now())).flags.map((f) => f.id)).toEqual([first!.id]);
    expect(await store.read((q) => q.get(sql`SELECT count(*) AS n FROM flags`))).toEqual({ n: 1 });

    // Another station's call cannot be flagged.
    const neighbour = await campaign.join(1);
    await expect(neighbour.emitWithAck('call:flag', flag)).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });

    const otherLeader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: other.roomId })).token);
    extra.push(otherLeader);
    await expect(otherLeader.emitWithAck('flag:handle', { flagId: first!.id })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await store.read((q) => q.get(sql`SELECT handled_at FROM flags`))).toEqual({ handled_at: null });

    clock.advance(MINUTE);
    await expect(leader.emitWithAck('flag:handle', { flagId: first!.id })).resolves.toEqual({ ok: true });
    expect(await store.read((q) => q.get(sql`SELECT handled_at FROM flags`))).toEqual({ handled_at: clock.now() });
    expect((await roomStateWhere(leader, (state) => state.flags.length === 0)).flags).toEqual([]);
    // Handling it again is a retried command: it succeeds and changes nothing.
    await expect(leader.emitWithAck('flag:handle', { flagId: first!.id })).resolves.toEqual({ ok: true });
    await expect(leader.emitWithAck('flag:handle', { flagId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Once handled, the same words raise a new flag.
    await expect(station.emitWithAck('call:flag', flag)).resolves.toEqual({ ok: true });
    const again = await roomStateWhere(leader, (state) => state.flags.length === 1);
    expect(again.flags[0]!.id).not.toBe(first!.id);
  });
});

describe('the big screen', () => {
  it('gets the pace and the standings, and no name or number of any volunteer or contact', async () => {
    const { campaign, leader } = await start();
    const screen = await connectScreen(campaign.url, (await createLink(campaign.url, 'screen', { roomId: 1 })).token);
    extra.push(screen);
    const initial = await screenStateWhere(screen);
    expect(initial.room).toEqual({ id: 1, name: 'Rum 1' });

    const station = await campaign.join(0, { checkin: { name: 'Åsa Lind', associationId: campaign.lists[0]!.associationId } });
    const cards = [];
    for (const outcome of ['conversation', 'no_answer'] as const) {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      cards.push(held.contact);
      await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome, note: 'Ring Åsa Lind igen' });
    }
    await station.emitWithAck('call:flag', { message: 'Hjälp Åsa Lind' });

    const state = await screenStateWhere(screen, (s) => s.pace.today.attempts === 2);
    expect(Object.keys(state).sort()).toEqual(['campaignId', 'campaigns', 'generatedAt', 'pace', 'question', 'room', 'standings', 'teams', 'timeZone']);
    expect(state.pace).toMatchObject({ lastHour: { attempts: 2, answered: 1, conversations: 1 }, today: { attempts: 2 } });
    expect(state.standings.associations[0]).toMatchObject({ key: String(campaign.lists[0]!.associationId), campaign: { attempts: 2, personsCalled: 2 } });
    const board = await roomStateWhere(leader, (s) => s.pace.today.attempts === 2);
    expect(state.pace).toEqual(board.pace);
    expect(state.standings).toEqual(board.standings);

    const text = JSON.stringify(state);
    const secrets = ['Åsa', 'Lind', ...cards.flatMap((card) => [card.name, card.phone, card.phoneDisplay, card.phone.replace('+46', '0')])];
    expect(cards.map((card) => card.name)).toEqual(['Person 1', 'Person 2']);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/Person \d/);
    expect(text).not.toMatch(/\+46\d{6,}/);
  });
});

describe('revoking a link', () => {
  it('disconnects its open sockets at once and refuses it afterwards; other links stay', async () => {
    const { campaign, leader } = await start();
    const evening = await createLink(campaign.url, 'leader', { roomId: 1, label: 'Kväll' });
    const screenLink = await createLink(campaign.url, 'screen', { roomId: 1, label: 'Skärm' });
    const revoked = await connectRoom(campaign.url, evening.token);
    const screen = await connectScreen(campaign.url, screenLink.token);
    extra.push(revoked, screen);
    const listed = (await (await api(campaign.url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as {
      links: { id: number; label: string | null; revoked: boolean }[];
    };
    const idOf = (label: string) => listed.links.find((link) => link.label === label)!.id;

    const dropped = waitForEvent(revoked, 'disconnect');
    expect((await api(campaign.url, 'DELETE', `/api/access-links/${idOf('Kväll')}`, ADMIN_TOKEN)).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    await expect(connectRoom(campaign.url, evening.token)).rejects.toThrow('a leader token is required');
    expect((await api(campaign.url, 'GET', '/api/stations', evening.token)).status).toBe(401);
    expect((await api(campaign.url, 'DELETE', `/api/access-links/${idOf('Kväll')}`, ADMIN_TOKEN)).status).toBe(404);

    // The other leader's link and the screen are untouched and still served.
    expect(leader.connected).toBe(true);
    await expect(leader.emitWithAck('flag:handle', { flagId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(screen.connected).toBe(true);

    const screenDropped = waitForEvent(screen, 'disconnect');
    expect((await api(campaign.url, 'DELETE', `/api/access-links/${idOf('Skärm')}`, ADMIN_TOKEN)).status).toBe(204);
    expect(await screenDropped).toBe('io server disconnect');
    await expect(connectScreen(campaign.url, screenLink.token)).rejects.toThrow('a screen token is required');

    const after = (await (await api(campaign.url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as typeof listed;
    expect(after.links.map((link) => [link.label, link.revoked])).toEqual([
      [null, false],
      ['Kväll', true],
      ['Skärm', true],
    ]);
  });
});

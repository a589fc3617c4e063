import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { api, connect, connectRoom, connectScreen, createLink, createRoom, stateWhere, stationSocket } from '../helpers/room-client.ts';

// One campaign for the whole matrix: rooms 1 (stations 1–2) and 2 (station 3), a leader of each,
// a screen of room 1. Every 401 counts towards the failed-login limit, hence the high limit.
let campaign: CampaignServer;
let room2: Awaited<ReturnType<typeof createRoom>>;
const tokens = {} as Record<Caller, string | undefined>;
let throwawayLinkId: number;

const CALLERS = ['admin', 'leader1', 'leader2', 'screen', 'station', 'junk', 'none'] as const;
type Caller = (typeof CALLERS)[number];

beforeAll(async () => {
  campaign = await startCampaign({
    lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }],
    stations: 2,
    env: { AUTH_FAILURES_PER_MINUTE: '1000' },
  });
  room2 = await createRoom(campaign.url, 'Rum 2', 1);
  // The table below names room 2 and station 1 (room 1) in its paths.
  if (room2.roomId !== 2 || campaign.stations[0]!.number !== 1) throw new Error('unexpected room or station numbering');
  tokens.admin = ADMIN_TOKEN;
  tokens.leader1 = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
  tokens.leader2 = (await createLink(campaign.url, 'leader', { roomId: room2.roomId })).token;
  tokens.screen = (await createLink(campaign.url, 'screen', { roomId: 1 })).token;
  tokens.station = campaign.stations[0]!.token;
  tokens.junk = 'not-a-token-of-anyone-0123456789';
  tokens.none = undefined;
  await createLink(campaign.url, 'leader', { roomId: 1, label: 'throwaway' });
  const links = (await (await api(campaign.url, 'GET', '/api/access-links', ADMIN_TOKEN)).json()) as { links: { id: number; label: string | null }[] };
  throwawayLinkId = links.links.find((link) => link.label === 'throwaway')!.id;
});

afterAll(async () => {
  await campaign?.close();
});

type Statuses = Record<Caller, number>;
const statuses = (admin: number, leader1: number, leader2: number, screen: number, rest = 401): Statuses => ({
  admin,
  leader1,
  leader2,
  screen,
  station: rest,
  junk: rest,
  none: rest,
});
const PUBLIC = statuses(200, 200, 200, 200, 200);
const ADMIN_ONLY = statuses(200, 403, 403, 403);
const ADMIN_AND_LEADERS = statuses(200, 200, 200, 403);

interface Route {
  method: string;
  path: string | (() => string);
  body?: unknown;
  expected: Statuses;
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/health', expected: PUBLIC },
  { method: 'GET', path: '/api/openapi.json', expected: PUBLIC },
  { method: 'GET', path: '/api/metrics', expected: ADMIN_ONLY },
  { method: 'GET', path: '/api/leaderboard', expected: ADMIN_ONLY },
  { method: 'GET', path: '/api/stats', expected: ADMIN_ONLY },
  { method: 'GET', path: '/api/lists', expected: ADMIN_ONLY },
  { method: 'GET', path: '/api/shifts.csv', expected: ADMIN_ONLY },
  { method: 'GET', path: '/api/access-links', expected: ADMIN_ONLY },
  // Join links reach contacts: admin only, so a revoked leader keeps none.
  { method: 'GET', path: '/api/stations', expected: statuses(200, 403, 403, 403) },
  { method: 'POST', path: '/api/stations/3/token', expected: statuses(200, 403, 403, 403) },
  { method: 'GET', path: '/api/rooms', expected: ADMIN_AND_LEADERS },
  { method: 'GET', path: '/api/volunteers', expected: ADMIN_AND_LEADERS },
  { method: 'GET', path: '/api/volunteers.csv', expected: ADMIN_AND_LEADERS },
  { method: 'GET', path: '/api/standings', expected: statuses(200, 200, 200, 200) },
  { method: 'GET', path: '/api/standings?roomId=2', expected: statuses(200, 200, 200, 200) },
  // Station 1 is in room 1: room 2's leader is told it does not exist.
  { method: 'PUT', path: '/api/stations/1/list', body: { listId: null }, expected: statuses(200, 200, 404, 403) },
  { method: 'POST', path: '/api/rooms', body: { name: 'Rum 3' }, expected: statuses(201, 403, 403, 403) },
  { method: 'POST', path: '/api/rooms/2/stations', body: { count: 1 }, expected: statuses(201, 403, 403, 403) },
  { method: 'POST', path: '/api/leader-links', body: { roomId: 2 }, expected: statuses(201, 403, 403, 403) },
  // Without a room, a leader's screen link is for their own room.
  { method: 'POST', path: '/api/screen-links', body: {}, expected: statuses(201, 201, 201, 403) },
  { method: 'DELETE', path: () => `/api/access-links/${throwawayLinkId}`, expected: statuses(204, 403, 403, 403) },
];

describe('the HTTP role matrix', () => {
  it.each(ROUTES.map((route) => [`${route.method} ${typeof route.path === 'string' ? route.path : '/api/access-links/:id'}`, route] as const))(
    '%s',
    async (_name, route) => {
      const path = typeof route.path === 'string' ? route.path : route.path();
      const actual = {} as Statuses;
      for (const caller of CALLERS) actual[caller] = (await api(campaign.url, route.method, path, tokens[caller], route.body)).status;
      expect(actual).toEqual(route.expected);
    },
  );
});

describe('the order of checks', () => {
  it('refuses a caller without a valid token before reading or validating what they sent', async () => {
    for (const token of [undefined, tokens.junk, tokens.station]) {
      expect((await api(campaign.url, 'POST', '/api/rooms', token, { name: '' })).status).toBe(401);
      expect((await api(campaign.url, 'PUT', '/api/stations/not-a-number/list', token, { listId: 'x' })).status).toBe(401);
    }
    // A valid token of the wrong role is refused before validation too.
    expect((await api(campaign.url, 'POST', '/api/rooms', tokens.screen, { name: '' })).status).toBe(403);
  });
});

/** 'joined', or the server's refusal. */
async function join(namespace: '/station' | '/room' | '/screen', token: string | undefined): Promise<string> {
  const socket = namespace === '/station' ? stationSocket(campaign.url, token!) : null;
  try {
    if (socket) await connect(socket);
    else if (namespace === '/room') (await connectRoom(campaign.url, token!)).close();
    else (await connectScreen(campaign.url, token!)).close();
    return 'joined';
  } catch (error) {
    return (error as Error).message;
  } finally {
    socket?.close();
  }
}

/** Every caller refused with `refusal`, except those named, who join. */
const onlyJoin = (refusal: string, ...joining: Caller[]) =>
  Object.fromEntries(CALLERS.map((caller) => [caller, joining.includes(caller) ? 'joined' : refusal]));

describe('the socket namespaces', () => {
  it.each([
    ['/station', onlyJoin('invalid station token', 'station')],
    ['/room', onlyJoin('a leader token is required', 'leader1', 'leader2')],
    ['/screen', onlyJoin('a screen token is required', 'screen')],
  ] as const)('%s accepts only its own token', async (namespace, expected) => {
    const actual: Record<string, string> = {};
    for (const caller of CALLERS) actual[caller] = await join(namespace, tokens[caller]);
    expect(actual).toEqual(expected);
  });

  it("shows each leader their own room's board", async () => {
    const board = await connectRoom(campaign.url, tokens.leader2!);
    const state = await stateWhere(board);
    board.close();
    expect(state.room).toEqual({ id: room2.roomId, name: 'Rum 2' });
    expect(state.stations.map((tile) => tile.id)).toEqual(roomStationIds(room2.roomId));
    expect(state.stations.map((tile) => tile.id)).toContain(room2.stations[0]!.id);
    expect(state.stations.map((tile) => tile.id)).not.toContain(campaign.stations[0]!.id);
  });
});

const roomStationIds = (roomId: number) =>
  (campaign.app.db.$client.prepare('SELECT id FROM stations WHERE room_id = ? ORDER BY number').all(roomId) as { id: number }[]).map((row) => row.id);

describe("a leader's reach", () => {
  it('lists only their own room', async () => {
    for (const [token, roomId] of [[tokens.leader1!, 1], [tokens.leader2!, room2.roomId]] as const) {
      const { rooms } = (await (await api(campaign.url, 'GET', '/api/rooms', token)).json()) as { rooms: { id: number }[] };
      expect(rooms.map((room) => room.id)).toEqual([roomId]);
    }
  });

  it('makes screen links for their own room only', async () => {
    expect((await api(campaign.url, 'POST', '/api/screen-links', tokens.leader1, { roomId: room2.roomId })).status).toBe(403);
    const own = await api(campaign.url, 'POST', '/api/screen-links', tokens.leader2, { roomId: room2.roomId, label: 'Storbild' });
    expect(own.status).toBe(201);
    const { token } = (await own.json()) as { token: string };
    const screen = await connectScreen(campaign.url, token);
    const state = await stateWhere(screen);
    screen.close();
    expect(state.room).toEqual({ id: room2.roomId, name: 'Rum 2' });
  });

  it("cannot fix another room's station to a list (404), only their own", async () => {
    const listId = campaign.lists[0]!.listId;
    const scope = (number: number) => campaign.app.db.$client.prepare('SELECT list_id FROM stations WHERE number = ?').get(number);
    const before = scope(1);
    const refused = await api(campaign.url, 'PUT', '/api/stations/1/list', tokens.leader2, { listId });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found', message: 'No such station' } });
    expect(scope(1)).toEqual(before);

    const own = room2.stations[0]!.number;
    const fixed = await api(campaign.url, 'PUT', `/api/stations/${own}/list`, tokens.leader2, { listId });
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toEqual({ number: own, listId });
    expect(scope(own)).toEqual({ list_id: listId });
  });
});

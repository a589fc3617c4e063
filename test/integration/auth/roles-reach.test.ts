import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallListSummary } from '@ringstuga/shared';
import type { CampaignServer } from '../../helpers/campaign-server.ts';
import { connectRoom, connectScreen, roomStateWhere, screenStateWhere } from '../../helpers/board-client.ts';
import { ROLE_CALLERS, type RoleCaller, startRoles } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { connect } from '../../helpers/socket-connect.ts';
import { stationSocket } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// What each role reaches beyond the route matrix (roles.test.ts): the order of the checks, the
// socket namespaces, and a leader's own room and an association's own lists.
let campaign: CampaignServer;
let room2: Awaited<ReturnType<typeof startRoles>>['room2'];
let lists: { A: number; B: number };
let associationB: number;
let tokens: Record<RoleCaller, string | undefined>;

beforeAll(async () => {
  const roles = await startRoles();
  ({ campaign, room2, tokens } = roles);
  lists = { A: roles.listA.listId, B: roles.listB.listId };
  associationB = roles.listB.associationId;
});

afterAll(async () => {
  await campaign?.close();
});

describe('the order of checks', () => {
  it('refuses a caller without a valid token before reading or validating what they sent', async () => {
    for (const token of [undefined, tokens.junk, tokens.station]) {
      expect((await api(campaign.url, 'POST', '/api/rooms', token, { name: '' })).status).toBe(401);
      expect((await api(campaign.url, 'PUT', '/api/stations/not-a-number/list', token, { listId: 'x' })).status).toBe(401);
    }
    // A valid token of the wrong role is refused before validation too.
    for (const token of [tokens.screen, tokens.associationA]) {
      expect((await api(campaign.url, 'POST', '/api/rooms', token, { name: '' })).status).toBe(403);
    }
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
const onlyJoin = (refusal: string, ...joining: RoleCaller[]) =>
  Object.fromEntries(ROLE_CALLERS.map((caller) => [caller, joining.includes(caller) ? 'joined' : refusal]));

describe('the socket namespaces', () => {
  it.each([
    ['/station', onlyJoin('invalid station token', 'station')],
    ['/room', onlyJoin('a leader token is required', 'leader1', 'leader2')],
    ['/screen', onlyJoin('a screen token is required', 'screen')],
  ] as const)('%s accepts only its own token (an association has none)', async (namespace, expected) => {
    const actual: Record<string, string> = {};
    for (const caller of ROLE_CALLERS) actual[caller] = await join(namespace, tokens[caller]);
    expect(actual).toEqual(expected);
  });

  it("shows each leader their own room's board", async () => {
    const board = await connectRoom(campaign.url, tokens.leader2!);
    const state = await roomStateWhere(board);
    board.close();
    expect(state.room).toEqual({ id: room2.roomId, name: 'Rum 2' });
    expect(state.stations.map((tile) => tile.id)).toEqual(await roomStationIds(room2.roomId));
    expect(state.stations.map((tile) => tile.id)).toContain(room2.stations[0]!.id);
    expect(state.stations.map((tile) => tile.id)).not.toContain(campaign.stations[0]!.id);
  });
});

const roomStationIds = async (roomId: number) =>
  (await campaign.app.store.read((q) => campaign.app.stations.list(q)))
    .filter((station) => station.roomId === roomId)
    .sort((a, b) => a.number - b.number)
    .map((station) => station.id);

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
    const state = await screenStateWhere(screen);
    screen.close();
    expect(state.room).toEqual({ id: room2.roomId, name: 'Rum 2' });
  });

  it("cannot fix another room's station to a list (404), only their own", async () => {
    const listId = campaign.lists[0]!.listId;
    const scope = async (number: number) => (await campaign.app.store.read((q) => campaign.app.stations.byNumber(q, number)))?.listId;
    const before = await scope(1);
    const refused = await api(campaign.url, 'PUT', '/api/stations/1/list', tokens.leader2, { listId });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found', message: 'No such station' } });
    expect(await scope(1)).toEqual(before);

    const own = room2.stations[0]!.number;
    const fixed = await api(campaign.url, 'PUT', `/api/stations/${own}/list`, tokens.leader2, { listId });
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toEqual({ number: own, listId });
    expect(await scope(own)).toBe(listId);
  });
});

describe("an association's reach", () => {
  const listIds = async (token: string | undefined) => {
    const response = await api(campaign.url, 'GET', '/api/lists', token);
    expect(response.status).toBe(200);
    return ((await response.json()) as { lists: CallListSummary[] }).lists.map((list) => list.id);
  };

  it('lists only its own lists, where the admin sees all', async () => {
    const made = await api(campaign.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'B:s andra', associationId: associationB });
    expect(made.status).toBe(201);
    const second = ((await made.json()) as CallListSummary).id;
    expect(await listIds(tokens.associationA)).toEqual([lists.A]);
    expect(await listIds(tokens.associationB)).toEqual([lists.B, second]);
    expect((await listIds(ADMIN_TOKEN)).sort((a, b) => a - b)).toEqual([lists.A, lists.B, second]);
  });
});

import { io, type Socket } from 'socket.io-client';
import type { EventsMap } from '@socket.io/component-emitter';
import {
  ROOM_NAMESPACE,
  SCREEN_NAMESPACE,
  STATION_NAMESPACE,
  type AccessLink,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type RoomState,
  type ScreenClientToServerEvents,
  type ScreenServerToClientEvents,
  type ScreenState,
} from '@ringstuga/shared';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from './campaign-server.ts';
import { ADMIN_TOKEN } from './server.ts';
import type { StationClient } from './station-client.ts';

export type RoomClient = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;
export type ScreenClient = Socket<ScreenServerToClientEvents, ScreenClientToServerEvents>;

/** A socket that is made but not yet connected, so a test can listen for what is pushed on connect. */
function made<L extends EventsMap, E extends EventsMap>(url: string, namespace: string, token: string): Socket<L, E> {
  return io(`${url}${namespace}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
}

/** Connects a made socket: resolves on connect, rejects with the server's refusal on connect_error. */
export function connect<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect();
  });
}

// The latest state pushed to each board or screen, recorded from before the connection opens:
// the first push follows the connect packet at once, often in the same read.
const latest = new WeakMap<Socket, { event: string; state?: unknown }>();

function watched<S extends Socket>(socket: S, event: string): S {
  latest.set(socket, { event });
  socket.on(event, (state: unknown) => latest.set(socket, { event, state }));
  return socket;
}

/** What waitFor needs of a socket, whatever its event maps. */
interface Listening {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export const connectRoom = (url: string, token: string): Promise<RoomClient> =>
  connect(watched(made<RoomServerToClientEvents, RoomClientToServerEvents>(url, ROOM_NAMESPACE, token), 'room:state'));

export const connectScreen = (url: string, token: string): Promise<ScreenClient> =>
  connect(watched(made<ScreenServerToClientEvents, ScreenClientToServerEvents>(url, SCREEN_NAMESPACE, token), 'screen:state'));

/** A station socket made but not connected (no check-in): listen first, then `connect` it. */
export const stationSocket = (url: string, token: string): StationClient => made(url, STATION_NAMESPACE, token);

/** Resolves with the next `event` on `socket` that `accept`s, or rejects after `timeout` ms. */
export function waitFor<L extends EventsMap, E extends keyof L & string>(
  socket: Socket<L, EventsMap>,
  event: E,
  accept: (...args: Parameters<L[E]>) => boolean = () => true,
  timeout = 5_000,
): Promise<Parameters<L[E]>[0]> {
  const target = socket as unknown as Listening;
  return new Promise((resolve, reject) => {
    const listener = (...received: unknown[]) => {
      const args = received as Parameters<L[E]>;
      if (!accept(...args)) return;
      clearTimeout(timer);
      target.off(event, listener);
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      target.off(event, listener);
      reject(new Error(`no ${event} within ${timeout} ms`));
    }, timeout);
    target.on(event, listener);
  });
}

/**
 * The board's (or screen's) state once it `accept`s: the latest push if it already does, else the
 * next push that does. Every push is the whole state, so this reads "the board now shows …".
 */
export function stateWhere(socket: RoomClient, accept?: (state: RoomState) => boolean, timeout?: number): Promise<RoomState>;
export function stateWhere(socket: ScreenClient, accept?: (state: ScreenState) => boolean, timeout?: number): Promise<ScreenState>;
export function stateWhere(
  socket: RoomClient | ScreenClient,
  accept: (state: never) => boolean = () => true,
  timeout = 5_000,
): Promise<unknown> {
  const watch = latest.get(socket as Socket);
  if (!watch) throw new Error('stateWhere needs a socket from connectRoom or connectScreen');
  if (watch.state !== undefined && accept(watch.state as never)) return Promise.resolve(watch.state);
  const event = watch.event;
  return waitFor(socket as unknown as Socket, event, (state: unknown) => accept(state as never), timeout);
}

/** An HTTP call with a bearer token (or none) and an optional JSON body. */
export function api(url: string, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** An HTTP POST with a bearer token (or none) and a CSV file as the body, as the import routes take it. */
export function postCsv(url: string, path: string, token: string | undefined, csv: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(`${url}${path}`, { method: 'POST', headers, body: csv });
}

/** Makes a leader or screen link with the admin token. */
export async function createLink(
  url: string,
  role: 'leader' | 'screen',
  body: { roomId?: number; label?: string },
): Promise<AccessLink> {
  const response = await api(url, 'POST', `/api/${role}-links`, ADMIN_TOKEN, body);
  if (response.status !== 201) throw new Error(`${role} link refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as AccessLink;
}

/** Makes an association's access link with the admin token. */
export async function createAssociationLink(url: string, associationId: number, label?: string): Promise<AccessLink> {
  const response = await api(url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label });
  if (response.status !== 201) throw new Error(`association link refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as AccessLink;
}

/** Adds a room with `count` stations (admin); returns its id and its stations' join tokens. */
export async function createRoom(
  url: string,
  name: string,
  count: number,
): Promise<{ roomId: number; stations: { id: number; number: number; token: string }[] }> {
  const room = await api(url, 'POST', '/api/rooms', ADMIN_TOKEN, { name });
  if (room.status !== 201) throw new Error(`room refused: ${room.status}`);
  const { id: roomId } = (await room.json()) as { id: number };
  const added = await api(url, 'POST', `/api/rooms/${roomId}/stations`, ADMIN_TOKEN, { count });
  if (added.status !== 201) throw new Error(`stations refused: ${added.status}`);
  const listed = (await (await api(url, 'GET', '/api/stations', ADMIN_TOKEN)).json()) as {
    stations: { id: number; number: number; token: string; roomId: number }[];
  };
  const stations = listed.stations
    .filter((station) => station.roomId === roomId)
    .map(({ id, number, token }) => ({ id, number, token }));
  return { roomId, stations };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/**
 * The room tests' campaign: lists in Ale (5 contacts) and Botkyrka (5), stations 1–3 in room 1,
 * a second room 'Rum 2' with one station, and a leader of room 1 on the board.
 */
export async function startRooms(options: { now?: () => number } = {}) {
  const campaign = await startCampaign({
    lists: [
      { phones: range(1, 5), municipalityCode: '1440', municipalityName: 'Ale' },
      { phones: range(100, 5), municipalityCode: '0127', municipalityName: 'Botkyrka' },
    ],
    stations: 3,
    now: options.now,
  });
  const other = await createRoom(campaign.url, 'Rum 2', 1);
  const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
  return { campaign, other, leader };
}

/** Everyone the role tests send: each kind of token, a token of no one, and no token at all. */
export const ROLE_CALLERS = ['admin', 'associationA', 'associationB', 'leader1', 'leader2', 'screen', 'station', 'junk', 'none'] as const;
export type RoleCaller = (typeof ROLE_CALLERS)[number];

/**
 * The role tests' campaign: association A owns list 1 (two contacts) and B list 2 (one); room 1
 * has stations 1–2, 'Rum 2' station 3; a token for each caller (a leader of each room, room 1's
 * screen, station 1). Every 401 counts towards the failed-login limit, hence the high limit.
 */
export async function startRoles() {
  const campaign = await startCampaign({
    lists: [{ phones: range(1, 2) }, { phones: range(3, 1) }],
    stations: 2,
    env: { AUTH_FAILURES_PER_MINUTE: '10000' },
  });
  const room2 = await createRoom(campaign.url, 'Rum 2', 1);
  const [listA, listB] = campaign.lists as [CampaignServer['lists'][0], CampaignServer['lists'][0]];
  const tokens: Record<RoleCaller, string | undefined> = {
    admin: ADMIN_TOKEN,
    associationA: (await createAssociationLink(campaign.url, listA.associationId, 'A')).token,
    associationB: (await createAssociationLink(campaign.url, listB.associationId, 'B')).token,
    leader1: (await createLink(campaign.url, 'leader', { roomId: 1 })).token,
    leader2: (await createLink(campaign.url, 'leader', { roomId: room2.roomId })).token,
    screen: (await createLink(campaign.url, 'screen', { roomId: 1 })).token,
    station: campaign.stations[0]!.token,
    junk: 'not-a-token-of-anyone-0123456789',
    none: undefined,
  };
  return { campaign, room2, listA, listB, tokens };
}

import type { Socket } from 'socket.io-client';
import {
  ROOM_NAMESPACE,
  SCREEN_NAMESPACE,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type RoomState,
  type ScreenClientToServerEvents,
  type ScreenServerToClientEvents,
  type ScreenState,
} from '@ringstuga/shared';
import { connect, unconnectedSocket } from './socket-connect.ts';
import { waitForEvent } from './wait-for-event.ts';

/** A call leader's socket on the room board. */
export type RoomClient = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;
/** The big screen's socket: it only listens. */
export type ScreenClient = Socket<ScreenServerToClientEvents, ScreenClientToServerEvents>;

// The latest state pushed to each board or screen, recorded from before the connection opens:
// the first push follows the connect packet at once, often in the same read.
const latestRoomState = new WeakMap<RoomClient, RoomState>();
const latestScreenState = new WeakMap<ScreenClient, ScreenState>();

/** A leader joined to `/room`; every `room:state` it is pushed is kept for `roomStateWhere`. */
export function connectRoom(url: string, token: string): Promise<RoomClient> {
  const socket: RoomClient = unconnectedSocket(url, ROOM_NAMESPACE, { token });
  socket.on('room:state', (state) => latestRoomState.set(socket, state));
  return connect(socket);
}

/** The big screen joined to `/screen`; every `screen:state` it is pushed is kept for `screenStateWhere`. */
export function connectScreen(url: string, token: string): Promise<ScreenClient> {
  const socket: ScreenClient = unconnectedSocket(url, SCREEN_NAMESPACE, { token });
  socket.on('screen:state', (state) => latestScreenState.set(socket, state));
  return connect(socket);
}

/**
 * The board's state once it `accept`s: the latest push if it already does, else the next push
 * that does. Every push is the whole state, so this reads "the board now shows …".
 */
export function roomStateWhere(leader: RoomClient, accept: (state: RoomState) => boolean = () => true, timeout?: number): Promise<RoomState> {
  const latest = latestRoomState.get(leader);
  if (latest !== undefined && accept(latest)) return Promise.resolve(latest);
  return waitForEvent(leader, 'room:state', { accept, timeout });
}

/** The big screen's state once it `accept`s, as `roomStateWhere` reads the board's. */
export function screenStateWhere(
  screen: ScreenClient,
  accept: (state: ScreenState) => boolean = () => true,
  timeout?: number,
): Promise<ScreenState> {
  const latest = latestScreenState.get(screen);
  if (latest !== undefined && accept(latest)) return Promise.resolve(latest);
  return waitForEvent(screen, 'screen:state', { accept, timeout });
}

import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  PHONE_NAMESPACE,
  ROOM_NAMESPACE,
  SCREEN_NAMESPACE,
  STATION_NAMESPACE,
  type Leaderboard,
  type PhoneClientToServerEvents,
  type PhoneServerToClientEvents,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type RoomState,
  type ScreenClientToServerEvents,
  type ScreenServerToClientEvents,
  type ScreenState,
  type StationHello,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';

export interface StationSocketData {
  stationId: number;
  roomId: number;
  hello: StationHello;
}

/** A leader's or a screen's connection: the room it may see, and the link it came in with (to revoke). */
export interface LinkSocketData {
  roomId: number;
  linkId: number;
}

export type StationNamespace = Namespace<
  StationClientToServerEvents,
  StationServerToClientEvents,
  Record<string, never>,
  StationSocketData
>;
export type StationSocket = Socket<
  StationClientToServerEvents,
  StationServerToClientEvents,
  Record<string, never>,
  StationSocketData
>;

/** A paired phone's connection: the station it follows and the pairing it came in with. */
export interface PhoneSocketData {
  stationId: number;
  roomId: number;
  pairingId: number;
  shiftId: number;
  expiresAt: number;
}

export type PhoneNamespace = Namespace<PhoneClientToServerEvents, PhoneServerToClientEvents, Record<string, never>, PhoneSocketData>;

export type RoomNamespace = Namespace<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, LinkSocketData>;
export type RoomSocket = Socket<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, LinkSocketData>;
export type ScreenNamespace = Namespace<ScreenClientToServerEvents, ScreenServerToClientEvents, Record<string, never>, LinkSocketData>;

const BROADCAST_SHARDS = 16;
const shardRoom = (shard: number) => `leaderboard:${shard}`;
// socket.io rooms: one per station (a station may be open in two tabs) and one per site's stations.
export const stationChannel = (stationId: number) => `station:${stationId}`;
export const siteChannel = (roomId: number) => `site:${roomId}`;
export const phoneChannel = (stationId: number) => `phone:${stationId}`;

/** The one place that owns socket.io: features emit through these typed helpers. */
export function createRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Station payloads are small; a large frame is abuse.
    maxHttpBufferSize: 64 * 1024,
  });
  // socket.io types events per server; each namespace has its own map, so it is typed here once.
  const stations = io.of(STATION_NAMESPACE) as unknown as StationNamespace;
  const leaders = io.of(ROOM_NAMESPACE) as unknown as RoomNamespace;
  const screens = io.of(SCREEN_NAMESPACE) as unknown as ScreenNamespace;
  const phones = io.of(PHONE_NAMESPACE) as unknown as PhoneNamespace;
  // Everyone lives in a namespace with its own auth; nothing may sit on the default one, which has none.
  io.of('/').use((_socket, next) => next(new Error('no such namespace: join /station')));
  let joined = 0;
  // Connections per station, for the board's online/offline (a station may be open in two tabs).
  const online = new Map<number, number>();
  stations.on('connection', (socket) => {
    const { stationId, roomId } = socket.data;
    void socket.join([shardRoom(joined++ % BROADCAST_SHARDS), stationChannel(stationId), siteChannel(roomId)]);
    online.set(stationId, (online.get(stationId) ?? 0) + 1);
    socket.on('disconnect', () => {
      const left = (online.get(stationId) ?? 1) - 1;
      if (left > 0) online.set(stationId, left);
      else online.delete(stationId);
    });
  });
  for (const namespace of [leaders, screens] as const) {
    namespace.on('connection', (socket) => void socket.join(siteChannel(socket.data.roomId)));
  }
  const watchers = (namespace: RoomNamespace | ScreenNamespace, roomId: number) =>
    namespace.adapter.rooms.get(siteChannel(roomId))?.size ?? 0;

  return {
    io,
    stations,
    leaders,
    screens,
    phones,
    /** Phone pages connected with this station's pairing. */
    phonesOf: (stationId: number) => phones.adapter.rooms.get(phoneChannel(stationId))?.size ?? 0,
    isOnline: (stationId: number) => online.has(stationId),
    /** Rooms with a leader or a screen watching, so their state is only built when someone looks. */
    watchedRooms(): { leaders: number[]; screens: number[] } {
      const ids = (namespace: RoomNamespace | ScreenNamespace) =>
        [...new Set([...namespace.sockets.values()].map((socket) => socket.data.roomId))];
      return { leaders: ids(leaders), screens: ids(screens) };
    },
    hasWatchers: (roomId: number) => watchers(leaders, roomId) + watchers(screens, roomId) > 0,
    sendRoomState: (roomId: number, state: RoomState) => void leaders.to(siteChannel(roomId)).emit('room:state', state),
    sendScreenState: (roomId: number, state: ScreenState) => void screens.to(siteChannel(roomId)).emit('screen:state', state),
    /** Closes every open connection made with a revoked leader or screen link. */
    dropLink(linkId: number): void {
      for (const namespace of [leaders, screens]) {
        for (const socket of namespace.sockets.values()) if (socket.data.linkId === linkId) socket.disconnect(true);
      }
    },
    /**
     * Closes every connection at the transport level, as a restart or deploy needs: clients then
     * see "transport close" and reconnect by themselves (resuming their held contact). A socket.io
     * disconnect packet (disconnectSockets) would tell them they were kicked, and they would stay
     * away. Each connection closes after its already written acknowledgements are flushed.
     */
    dropConnections(): void {
      for (const namespace of [io.of('/'), stations, leaders, screens, phones]) {
        for (const socket of namespace.sockets.values()) socket.conn.close();
      }
    },
    /**
     * Pushes shard by shard, yielding to the event loop between shards: one emit to 2,000
     * sockets blocks for ~30 ms, and acknowledgements waiting behind it would all be late.
     * Each shard's packet is encoded once (a room broadcast), not once per socket.
     */
    broadcastLeaderboard(leaderboard: Leaderboard): void {
      const send = (shard: number) => {
        stations.to(shardRoom(shard)).emit('leaderboard:update', leaderboard);
        if (shard + 1 < BROADCAST_SHARDS) setImmediate(send, shard + 1);
      };
      send(0);
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

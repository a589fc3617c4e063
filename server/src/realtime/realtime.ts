import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { namespaces, type Leaderboard, type StationHello } from '@ringstuga/shared';
import { createChannel } from './channel.ts';

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

/** A paired phone's connection: the station it follows and the pairing it came in with. */
export interface PhoneSocketData {
  stationId: number;
  roomId: number;
  pairingId: number;
  shiftId: number;
  expiresAt: number;
}

const BROADCAST_SHARDS = 16;
const shardRoom = (shard: number) => `leaderboard:${shard}`;
// socket.io rooms: one per station (a station may be open in two tabs) and one per site's stations.
export const stationChannel = (stationId: number) => `station:${stationId}`;
export const siteChannel = (roomId: number) => `site:${roomId}`;
export const phoneChannel = (stationId: number) => `phone:${stationId}`;

/**
 * The one place that owns socket.io. Features get each namespace's join check and command
 * handlers (`authenticate`, `serve`); what they change is pushed by the announcements
 * (announce.ts), which are the only senders.
 */
export function createRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Station payloads are small; a large frame is abuse.
    maxHttpBufferSize: 64 * 1024,
  });
  let joined = 0;
  const stations = createChannel(io, namespaces.station, (data: StationSocketData) => [
    shardRoom(joined++ % BROADCAST_SHARDS),
    stationChannel(data.stationId),
    siteChannel(data.roomId),
  ]);
  const leaders = createChannel(io, namespaces.room, (data: LinkSocketData) => [siteChannel(data.roomId)]);
  const screens = createChannel(io, namespaces.screen, (data: LinkSocketData) => [siteChannel(data.roomId)]);
  const phones = createChannel(io, namespaces.phone, (data: PhoneSocketData) => [phoneChannel(data.stationId)]);
  // Everyone lives in a namespace with its own auth; nothing may sit on the default one, which has none.
  io.of('/').use((_socket, next) => next(new Error('no such namespace: join /station')));
  // Connections per station, for the board's online/offline (a station may be open in two tabs).
  const online = new Map<number, number>();
  stations.onConnect(({ data: { stationId }, onDisconnect }) => {
    online.set(stationId, (online.get(stationId) ?? 0) + 1);
    onDisconnect(() => {
      const left = (online.get(stationId) ?? 1) - 1;
      if (left > 0) online.set(stationId, left);
      else online.delete(stationId);
    });
  });
  const roomsWatched = (channel: typeof leaders | typeof screens) => [...new Set([...channel.peers()].map((peer) => peer.data.roomId))];

  return {
    channels: { stations, leaders, screens, phones },
    /** What features may do with a namespace: check who joins, and answer its commands. */
    stations: { authenticate: stations.authenticate, serve: stations.serve },
    leaders: { authenticate: leaders.authenticate, serve: leaders.serve },
    screens: { authenticate: screens.authenticate, serve: screens.serve },
    phones: { authenticate: phones.authenticate, serve: phones.serve },
    /** Phone pages connected with this station's pairing. */
    phonesOf: (stationId: number) => phones.inRoom(phoneChannel(stationId)),
    isOnline: (stationId: number) => online.has(stationId),
    stationsConnected: () => stations.connected(),
    /** Rooms with a leader or a screen watching, so their state is only built when someone looks. */
    watchedRooms: (): { leaders: number[]; screens: number[] } => ({ leaders: roomsWatched(leaders), screens: roomsWatched(screens) }),
    hasWatchers: (roomId: number) => leaders.inRoom(siteChannel(roomId)) + screens.inRoom(siteChannel(roomId)) > 0,
    /**
     * Closes every connection at the transport level, as a restart or deploy needs: clients then
     * see "transport close" and reconnect by themselves (resuming their held contact). A socket.io
     * disconnect packet (disconnectSockets) would tell them they were kicked, and they would stay
     * away. Each connection closes after its already written acknowledgements are flushed.
     */
    dropConnections(): void {
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      for (const channel of [stations, leaders, screens, phones]) channel.dropConnections();
    },
    close: () => io.close(),
    /**
     * Pushes shard by shard, yielding to the event loop between shards: one emit to 2,000
     * sockets blocks for ~30 ms, and acknowledgements waiting behind it would all be late.
     * Each shard's packet is encoded once (a room broadcast), not once per socket.
     */
    broadcastLeaderboard(leaderboard: Leaderboard): void {
      const send = (shard: number) => {
        stations.push(shardRoom(shard), 'leaderboard:update', leaderboard);
        if (shard + 1 < BROADCAST_SHARDS) setImmediate(send, shard + 1);
      };
      send(0);
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

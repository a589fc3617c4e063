import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { namespaces, zLeaderboard, type Leaderboard, type StationHello } from '@ringstuga/shared';
import type { Tx } from '../db/store/store.ts';
import { createChannel } from './channel.ts';
import type { Presence, SharedPresence } from './presence.ts';

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
/** With several nodes, the pause between a board's shards (pushLeaderboardHere). */
const CLUSTER_SHARD_GAP_MS = 4;
const shardRoom = (shard: number) => `leaderboard:${shard}`;
/** The server-side event that takes a board from the clock's holder to the other nodes. */
const LEADERBOARD_EVENT = 'leaderboard';
// socket.io rooms: one per station (a station may be open in two tabs) and one per site's stations.
export const stationChannel = (stationId: number) => `station:${stationId}`;
export const siteChannel = (roomId: number) => `site:${roomId}`;
export const phoneChannel = (stationId: number) => `phone:${stationId}`;

/**
 * The one place that owns socket.io. Features get each namespace's join check and command
 * handlers (`authenticate`, `serve`); what they change is pushed by the announcements
 * (announce.ts), which are the only senders.
 */
export interface RealtimeOptions {
  /**
   * Several nodes (PostgreSQL): socket.io's adapter between them, and presence in the database.
   * Then every push a channel makes goes to this node's sockets only: each node runs every
   * announcement for its own (cluster.ts), and pushes the board the clock's holder sends it
   * (broadcastLeaderboard). `onError`: a board from another node that fails its check.
   */
  cluster?: { adapter: ServerOptions['adapter']; presence: SharedPresence; onError: (error: unknown) => void };
}

export function createRealtime(httpServer: HttpServer, options: RealtimeOptions = {}) {
  const { cluster } = options;
  const io = new Server(httpServer, {
    serveClient: false,
    // Station payloads are small; a large frame is abuse.
    maxHttpBufferSize: 64 * 1024,
    ...(cluster && { adapter: cluster.adapter }),
  });
  const local = cluster !== undefined;
  let joined = 0;
  const stations = createChannel(
    io,
    namespaces.station,
    (data: StationSocketData) => [shardRoom(joined++ % BROADCAST_SHARDS), stationChannel(data.stationId), siteChannel(data.roomId)],
    { local },
  );
  const leaders = createChannel(io, namespaces.room, (data: LinkSocketData) => [siteChannel(data.roomId)], { local });
  const screens = createChannel(io, namespaces.screen, (data: LinkSocketData) => [siteChannel(data.roomId)], { local });
  const phones = createChannel(io, namespaces.phone, (data: PhoneSocketData) => [phoneChannel(data.stationId)], { local });
  // Everyone lives in a namespace with its own auth; nothing may sit on the default one, which has none.
  io.of('/').use((_socket, next) => next(new Error('no such namespace: join /station')));
  // Connections per station, for the board's online/offline (a station may be open in two tabs).
  const online = new Map<number, number>();
  stations.onConnect(({ data: { stationId, roomId }, onDisconnect }) => {
    online.set(stationId, (online.get(stationId) ?? 0) + 1);
    cluster?.presence.changed({ kind: 'station', stationId, roomId }, 1);
    onDisconnect(() => {
      const left = (online.get(stationId) ?? 1) - 1;
      if (left > 0) online.set(stationId, left);
      else online.delete(stationId);
      cluster?.presence.changed({ kind: 'station', stationId, roomId }, -1);
    });
  });
  if (cluster) {
    phones.onConnect(({ data: { stationId, roomId }, onDisconnect }) => {
      cluster.presence.changed({ kind: 'phone', stationId, roomId }, 1);
      onDisconnect(() => cluster.presence.changed({ kind: 'phone', stationId, roomId }, -1));
    });
  }
  // One process: presence is this process's sockets.
  const localPresence: Presence = {
    online: async (_q: Tx, stationIds) => new Set(stationIds.filter((id) => online.has(id))),
    phoneConnected: async (_q: Tx, stationId) => phones.inRoom(phoneChannel(stationId)) > 0,
    stationsConnected: async () => stations.connected(),
  };
  const presence = cluster?.presence.presence ?? localPresence;
  /**
   * Pushes the board to this node's stations shard by shard, yielding to the event loop between
   * shards: one emit to 2,000 sockets blocks for ~30 ms, and acknowledgements waiting behind it
   * would all be late. Each shard's packet is encoded once (a room broadcast), not once per socket.
   * With several nodes every node pushes the same board at the same moment (the clock's message
   * reaches them within a millisecond), and nodes sharing a host's CPUs (the compose profile) would
   * all be busy with it at once: each then spreads its shards over ~60 ms (CLUSTER_SHARD_GAP_MS).
   */
  const pushLeaderboardHere = (leaderboard: Leaderboard) => {
    const send = (shard: number) => {
      stations.push(shardRoom(shard), 'leaderboard:update', leaderboard);
      if (shard + 1 >= BROADCAST_SHARDS) return;
      // Unref'd: a node stopping does not wait for the rest of a board.
      if (cluster) setTimeout(send, CLUSTER_SHARD_GAP_MS, shard + 1).unref();
      else setImmediate(send, shard + 1);
    };
    send(0);
  };
  // From our own nodes, but through the database: checked before it is pushed.
  if (cluster) {
    io.on(LEADERBOARD_EVENT, (payload: unknown) => {
      const board = zLeaderboard.safeParse(payload);
      if (board.success) pushLeaderboardHere(board.data);
      else cluster.onError(new Error(board.error.message));
    });
  }
  const roomsWatched = (channel: typeof leaders | typeof screens) => [...new Set([...channel.peers()].map((peer) => peer.data.roomId))];

  return {
    channels: { stations, leaders, screens, phones },
    /** What features may do with a namespace: check who joins, and answer its commands. */
    stations: { authenticate: stations.authenticate, serve: stations.serve },
    leaders: { authenticate: leaders.authenticate, serve: leaders.serve },
    screens: { authenticate: screens.authenticate, serve: screens.serve },
    phones: { authenticate: phones.authenticate, serve: phones.serve },
    /** Phone pages connected to this node with this station's pairing. */
    phonesOf: (stationId: number) => phones.inRoom(phoneChannel(stationId)),
    /** Which of these stations have a page open (on any node). */
    online: (q: Tx, stationIds: readonly number[]) => presence.online(q, stationIds),
    /** Whether a phone page follows this station (on any node). */
    phoneConnected: (q: Tx, stationId: number) => presence.phoneConnected(q, stationId),
    /** Station connections, all nodes together. */
    stationsConnected: () => presence.stationsConnected(),
    /** Whether announcements must also reach the other nodes (cluster.ts). */
    clustered: local,
    /** This node's id among several (its rows in realtime_nodes), for logs and tests; none with one process. */
    nodeId: cluster?.presence.nodeId,
    /** Events between nodes (the adapter's server-side emits); nothing arrives with one node. */
    serverSide: {
      emit: (event: string, payload: unknown) => void io.serverSideEmit(event, payload),
      on: (event: string, listener: (payload: unknown) => void) => void io.on(event, listener),
    },
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
     * The board to every station on every node. With several nodes one node sends it (the
     * leaderboard clock) as one message to the others, each of which pushes it to its own stations:
     * not one adapter broadcast per shard, which would be sixteen NOTIFYs, each pushed at once.
     */
    broadcastLeaderboard(leaderboard: Leaderboard): void {
      pushLeaderboardHere(leaderboard);
      if (cluster) io.serverSideEmit(LEADERBOARD_EVENT, leaderboard);
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

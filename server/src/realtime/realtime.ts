import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  STATION_NAMESPACE,
  type Leaderboard,
  type StationHello,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';

export interface StationSocketData {
  stationId: number;
  hello: StationHello;
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

const BROADCAST_SHARDS = 16;
const shardRoom = (shard: number) => `leaderboard:${shard}`;

/** The one place that owns socket.io: features emit through these typed helpers. */
export function createRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Station payloads are small; a large frame is abuse.
    maxHttpBufferSize: 64 * 1024,
  });
  // socket.io types events per server; each namespace has its own map, so it is typed here once.
  const stations = io.of(STATION_NAMESPACE) as unknown as StationNamespace;
  // Stations live in their namespace; nothing may sit on the default one, which has no auth.
  io.of('/').use((_socket, next) => next(new Error('no such namespace: join /station')));
  let joined = 0;
  stations.on('connection', (socket) => void socket.join(shardRoom(joined++ % BROADCAST_SHARDS)));
  return {
    io,
    stations,
    /**
     * Closes every connection at the transport level, as a restart or deploy needs: clients then
     * see "transport close" and reconnect by themselves (resuming their held contact). A socket.io
     * disconnect packet (disconnectSockets) would tell them they were kicked, and they would stay
     * away. Each connection closes after its already written acknowledgements are flushed.
     */
    dropConnections(): void {
      for (const namespace of [io.of('/'), stations]) {
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

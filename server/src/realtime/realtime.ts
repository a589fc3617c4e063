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

/** The one place that owns socket.io: features emit through these typed helpers. */
export function createRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Station payloads are small; a large frame is abuse.
    maxHttpBufferSize: 64 * 1024,
  });
  // socket.io types events per server; each namespace has its own map, so it is typed here once.
  const stations = io.of(STATION_NAMESPACE) as unknown as StationNamespace;
  return {
    io,
    stations,
    broadcastLeaderboard(leaderboard: Leaderboard): void {
      stations.emit('leaderboard:update', leaderboard);
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

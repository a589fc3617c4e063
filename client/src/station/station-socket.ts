import {
  STATION_NAMESPACE,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS } from '../connection/socket-options.ts';

export type StationSocket = Socket<StationServerToClientEvents, StationClientToServerEvents>;

export function createStationSocket(token: string): StationSocket {
  // Same origin: the server serves this page, the API and socket.io together.
  return io(STATION_NAMESPACE, { auth: { token }, autoConnect: false, ackTimeout: ACK_TIMEOUT_MS });
}

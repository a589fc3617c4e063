import {
  STATION_NAMESPACE,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';

export type StationSocket = Socket<StationServerToClientEvents, StationClientToServerEvents>;

/**
 * How long an acknowledgement may take. Set as the socket's `ackTimeout` rather than wrapped
 * around `emitWithAck`: the types survive, and socket.io drops a timed-out packet from its
 * send buffer, so an outcome that timed out while offline is not sent behind the user's back.
 */
export const ACK_TIMEOUT_MS = 10_000;

export function createStationSocket(token: string): StationSocket {
  // Same origin: the server serves this page, the API and socket.io together.
  return io(STATION_NAMESPACE, { auth: { token }, autoConnect: false, ackTimeout: ACK_TIMEOUT_MS });
}

/** socket.io's own messages for a rejected emitWithAck. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'operation has timed out';
}

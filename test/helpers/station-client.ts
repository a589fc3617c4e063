import type { Socket } from 'socket.io-client';
import {
  STATION_NAMESPACE,
  type CheckinInput,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';
import { connect, tryJoin, unconnectedSocket } from './socket-connect.ts';

export type StationClient = Socket<StationServerToClientEvents, StationClientToServerEvents>;

/** A station socket made but not connected (no check-in): listen first, then `connect` it. */
export const stationSocket = (url: string, token: string, extraHeaders?: Record<string, string>): StationClient =>
  unconnectedSocket(url, STATION_NAMESPACE, { token }, extraHeaders);

/**
 * A real socket.io client joined as a station; resolves once connected and (unless `checkin` is
 * false) checked in as a volunteer calling every list, as the calling loop requires.
 */
export async function connectStation(
  url: string,
  token: string,
  options: { checkin?: CheckinInput | false; extraHeaders?: Record<string, string> } = {},
): Promise<StationClient> {
  const socket = await connect(stationSocket(url, token, options.extraHeaders));
  const checkin = options.checkin ?? { name: 'Testare', associationId: null };
  if (checkin) {
    const result = await socket.emitWithAck('station:checkin', checkin);
    if (!result.ok) throw new Error(`check-in refused: ${result.error.message}`);
  }
  return socket;
}

/**
 * Joins `/station` with `X-Forwarded-For: forwardedFor` (as a proxy passes it on) and leaves at once:
 * resolves 'joined' or the server's refusal.
 */
export const joinFrom = (url: string, token: string, forwardedFor: string): Promise<string> =>
  tryJoin(stationSocket(url, token, { 'x-forwarded-for': forwardedFor }));

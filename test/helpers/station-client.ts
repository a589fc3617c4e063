import { io, type Socket } from 'socket.io-client';
import {
  STATION_NAMESPACE,
  type CheckinInput,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';

export type StationClient = Socket<StationServerToClientEvents, StationClientToServerEvents>;

/**
 * A real socket.io client joined as a station; resolves once connected and (unless `checkin` is
 * false) checked in as a volunteer calling every list, as the calling loop requires.
 */
export async function connectStation(
  url: string,
  token: string,
  options: { checkin?: CheckinInput | false; extraHeaders?: Record<string, string> } = {},
): Promise<StationClient> {
  const socket: StationClient = io(`${url}${STATION_NAMESPACE}`, {
    auth: { token },
    ...(options.extraHeaders && { extraHeaders: options.extraHeaders }),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  const checkin = options.checkin ?? { name: 'Testare', associationId: null };
  if (checkin) {
    const result = await socket.emitWithAck('station:checkin', checkin);
    if (!result.ok) throw new Error(`check-in refused: ${result.error.message}`);
  }
  return socket;
}

/** Resolves with the next `event` on `socket` that satisfies `accept`, or rejects after `timeout` ms. */
export function waitForEvent<E extends keyof StationServerToClientEvents>(
  socket: StationClient,
  event: E,
  options: { timeout?: number; accept?: (...args: Parameters<StationServerToClientEvents[E]>) => boolean } = {},
): Promise<Parameters<StationServerToClientEvents[E]>[0]> {
  const { timeout = 5_000, accept = () => true } = options;
  // socket.io types a listener per event; widened here so one listener serves any event of the map.
  const raw: Socket = socket;
  const name: string = event;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      raw.off(name, listener);
      reject(new Error(`no ${name} within ${timeout} ms`));
    }, timeout);
    const listener = (...args: Parameters<StationServerToClientEvents[E]>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      raw.off(name, listener);
      resolve(args[0]);
    };
    raw.on(name, listener);
  });
}

/**
 * Joins `/station` with `X-Forwarded-For: forwardedFor` (as a proxy passes it on) and leaves at once:
 * resolves 'joined' or the server's refusal.
 */
export async function joinFrom(url: string, token: string, forwardedFor: string): Promise<string> {
  const socket: StationClient = io(`${url}${STATION_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    extraHeaders: { 'x-forwarded-for': forwardedFor },
    reconnection: false,
    forceNew: true,
  });
  try {
    return await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('joined'));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}

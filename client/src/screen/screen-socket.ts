import { SCREEN_NAMESPACE, type ScreenClientToServerEvents, type ScreenServerToClientEvents } from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';

export type ScreenSocket = Socket<ScreenServerToClientEvents, ScreenClientToServerEvents>;

/** Read-only: the screen only listens, so it sends no commands and needs no ack timeout. */
export function createScreenSocket(token: string): ScreenSocket {
  return io(SCREEN_NAMESPACE, { auth: { token }, autoConnect: false });
}

import { ROOM_NAMESPACE, type RoomClientToServerEvents, type RoomServerToClientEvents } from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS } from '../connection/socket-options.ts';

export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

export function createRoomSocket(token: string): RoomSocket {
  return io(ROOM_NAMESPACE, { auth: { token }, autoConnect: false, ackTimeout: ACK_TIMEOUT_MS });
}

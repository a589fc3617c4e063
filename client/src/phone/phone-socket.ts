import { PHONE_NAMESPACE, type PhoneClientToServerEvents, type PhoneServerToClientEvents } from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS } from '../connection/socket-options.ts';

export type PhoneSocket = Socket<PhoneServerToClientEvents, PhoneClientToServerEvents>;

export function createPhoneSocket(token: string): PhoneSocket {
  return io(PHONE_NAMESPACE, { auth: { token }, autoConnect: false, ackTimeout: ACK_TIMEOUT_MS });
}

import { PHONE_NAMESPACE, type PhoneClientToServerEvents, type PhoneServerToClientEvents } from '@ringstuga/shared';
import { io, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS } from '../connection/socket-options.ts';
import { randomId } from '../lib/secure-context/random-id.ts';

export type PhoneSocket = Socket<PhoneServerToClientEvents, PhoneClientToServerEvents>;

const DEVICE_KEY = 'ringstuga.device';

/**
 * A random id this phone keeps: the first device to connect with a pairing takes it, so someone
 * else who saw the QR code cannot use it; this phone may reconnect.
 */
function deviceId(): string {
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept) return kept;
    const made = randomId();
    localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    // Storage blocked: this page's life only.
    return randomId();
  }
}

export function createPhoneSocket(token: string): PhoneSocket {
  return io(PHONE_NAMESPACE, { auth: { token, device: deviceId() }, autoConnect: false, ackTimeout: ACK_TIMEOUT_MS });
}

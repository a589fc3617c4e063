import type { Socket } from 'socket.io-client';
import { PHONE_NAMESPACE, type PhoneClientToServerEvents, type PhoneContact, type PhoneServerToClientEvents } from '@ringstuga/shared';
import { connect, unconnectedSocket } from './socket-connect.ts';
import { waitForEvent } from './wait-for-event.ts';

export type PhoneClient = Socket<PhoneServerToClientEvents, PhoneClientToServerEvents>;

/** The pairing token from the URL a station's QR code holds. */
export function pairingToken(url: string): string {
  const token = new URL(url).hash.match(/token=([^&]+)/)?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** A phone socket made but not connected: listen first, then `connect` it (or `tryJoin`). */
export const phoneSocket = (url: string, token: string, device?: string): PhoneClient =>
  unconnectedSocket(url, PHONE_NAMESPACE, { token, ...(device !== undefined && { device }) });

/**
 * A real socket.io client joined as a paired phone. The first `phone:contact` (pushed on connect)
 * is listened for from before the connection opens, and `firstContact` resolves with it.
 */
export async function connectPhone(
  url: string,
  token: string,
  device?: string,
): Promise<{ phone: PhoneClient; firstContact: Promise<PhoneContact | null> }> {
  const phone = phoneSocket(url, token, device);
  const firstContact = waitForEvent(phone, 'phone:contact');
  // A caller that never awaits it (it only needed the connection) must not get an unhandled rejection later.
  firstContact.catch(() => undefined);
  await connect(phone);
  return { phone, firstContact };
}

/** The next `phone:contact` that `accept`s. */
export const nextContact = (phone: PhoneClient, accept: (contact: PhoneContact | null) => boolean = () => true) =>
  waitForEvent(phone, 'phone:contact', { accept });

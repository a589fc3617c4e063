/*
 * Browsers give `crypto.randomUUID` only to secure contexts (HTTPS, or localhost), and a room's
 * server is reached over plain HTTP on its local network, where calling it throws. `getRandomValues`
 * exists on every page, so it is the one way ids are made here: no branch that only secure pages take.
 */

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A random version 4 UUID, on any page. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const text = hex(bytes);
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

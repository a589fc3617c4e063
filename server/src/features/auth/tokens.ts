import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tokens are looked up and compared by their SHA-256; the plain token is never stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Compares two SHA-256 hex digests in constant time. Anything else never matches: Buffer.from
 * silently drops bad hex, so a missing or corrupt stored hash would otherwise equal another one.
 */
export function digestsEqual(a: string, b: string): boolean {
  if (!SHA256_HEX.test(a) || !SHA256_HEX.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** A token derived from the key for one purpose, so it can be shown again without being stored. */
export function derivedToken(key: string, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64url').slice(0, 32);
}

/** A station's join token; each rotation (generation) gives a new one and voids the old. */
export function stationToken(key: string, stationNumber: number, generation = 0): string {
  return derivedToken(key, generation === 0 ? `station:${stationNumber}` : `station:${stationNumber}:${generation}`);
}

/**
 * A volunteer's personal token (`/me#token=…`): derived, so every reminder can carry the personal
 * link while only its hash is stored; raising the generation voids the old link.
 */
export function personalToken(key: string, volunteerId: number, generation = 0): string {
  return derivedToken(key, `volunteer:${volunteerId}:${generation}`);
}

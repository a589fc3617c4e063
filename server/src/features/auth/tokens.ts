import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { settings } from '../../db/schema.ts';

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

const TOKEN_KEY = 'token_key';

/**
 * The key station tokens are derived from. Stations store only a hash of their token;
 * the admin can still be shown each join link because the token is re-derived from this key.
 */
export function tokenKey(db: Db): string {
  const row = db.select().from(settings).where(eq(settings.key, TOKEN_KEY)).get();
  if (row) return row.value;
  const key = randomBytes(32).toString('base64url');
  db.insert(settings).values({ key: TOKEN_KEY, value: key }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, TOKEN_KEY)).get()!.value;
}

/** A token derived from the key for one purpose, so it can be shown again without being stored. */
export function derivedToken(key: string, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64url').slice(0, 32);
}

/** A station's join token; each rotation (generation) gives a new one and voids the old. */
export function stationToken(key: string, stationNumber: number, generation = 0): string {
  return derivedToken(key, generation === 0 ? `station:${stationNumber}` : `station:${stationNumber}:${generation}`);
}

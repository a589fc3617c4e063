import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.ts';
import { settings } from '../../db/schema.ts';
import { configuredTokenKey, FINGERPRINT_ROW, KEY_ROW, NOT_SET, readSetting, TokenKeyMismatchError } from '../../db/token-key.ts';

// Where the key comes from is settled once at start, with the database (db/token-key.ts); this is
// what the features derive station, personal and other tokens from.

/**
 * The key station tokens are derived from. Stations store only a hash of their token; the admin
 * can still be shown each join link because the token is re-derived from this key.
 */
export function tokenKey(db: Db): string {
  const fromEnv = configuredTokenKey(db);
  if (fromEnv !== undefined) return fromEnv;
  // A tool that opened the database without the configured key must not make a second one.
  if (readSetting(db, FINGERPRINT_ROW) !== undefined) throw new TokenKeyMismatchError(NOT_SET);
  db.insert(settings).values({ key: KEY_ROW, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run();
  return readSetting(db, KEY_ROW)!;
}

import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.ts';
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
  const sqlite = db.$client;
  // A tool that opened the database without the configured key must not make a second one.
  if (readSetting(sqlite, FINGERPRINT_ROW) !== undefined) throw new TokenKeyMismatchError(NOT_SET);
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(KEY_ROW, randomBytes(32).toString('base64url'));
  return readSetting(sqlite, KEY_ROW)!;
}

import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { Db } from './open.ts';
import { settings } from './schema.ts';

// The key every station token is derived from. By default it is made at first start and kept in
// the database, so whoever reads the file (or a backup) can derive every station's join link.
// With TOKEN_KEY set it lives only in the environment: the database keeps a fingerprint of it,
// so a start with no key or another key is refused instead of silently voiding every link.

export const KEY_ROW = 'token_key';
export const FINGERPRINT_ROW = 'token_key_fingerprint';

/** The key configured for each open database (set once at start by `settleTokenKey`). */
const configured = new WeakMap<Database, string>();

export const NOT_SET =
  "This database's station links were made with TOKEN_KEY, which is not set: set it to the same key (or every station link would change).";

export const readSetting = (db: Db, key: string): string | undefined =>
  db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;

const fingerprint = (key: string) => createHash('sha256').update(`ringstuga token key\n${key}`, 'utf8').digest('hex');

export class TokenKeyMismatchError extends Error {}

/** What `settleTokenKey` did, for the start-up log. */
export type TokenKeySource = 'database' | 'environment' | 'moved-out-of-database';

/**
 * Decides where the key comes from, once at start. TOKEN_KEY set: the database must not hold
 * another key (refused), a key equal to it is deleted from the database (moved out), and only
 * a fingerprint is stored. TOKEN_KEY unset: a database whose links came from TOKEN_KEY is
 * refused; otherwise the key is read from the database, or made there at first start.
 */
export function settleTokenKey(db: Db, fromEnv: string | undefined): TokenKeySource {
  const stored = readSetting(db, KEY_ROW);
  const print = readSetting(db, FINGERPRINT_ROW);
  if (fromEnv === undefined) {
    if (print !== undefined) throw new TokenKeyMismatchError(NOT_SET);
    return 'database';
  }
  if (print !== undefined && print !== fingerprint(fromEnv)) {
    throw new TokenKeyMismatchError(
      "TOKEN_KEY is not the key this database's station links were made with: set the same key again (or every station link would change).",
    );
  }
  if (stored !== undefined && stored !== fromEnv) {
    throw new TokenKeyMismatchError(
      'TOKEN_KEY differs from the token key this database holds, so every station link would change. To move the key out of the database, set TOKEN_KEY to the stored value (README: Configuration); to start over with new links, unset TOKEN_KEY.',
    );
  }
  const newPrint = fingerprint(fromEnv);
  db.transaction((tx) => {
    tx.delete(settings).where(eq(settings.key, KEY_ROW)).run();
    tx.insert(settings).values({ key: FINGERPRINT_ROW, value: newPrint }).onConflictDoUpdate({ target: settings.key, set: { value: newPrint } }).run();
  });
  configured.set(db.$client, fromEnv);
  if (stored === undefined) return 'environment';
  // secure_delete zeroed the row in the file; the WAL still holds the old page until a checkpoint.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  return 'moved-out-of-database';
}

/** TOKEN_KEY as settled at start for this database, if it was set. */
export const configuredTokenKey = (db: Db): string | undefined => configured.get(db.$client);

/**
 * The key station tokens are derived from: TOKEN_KEY as settled at start, else the database's (made
 * at first start). Stations store only a hash of their token; the admin can still be shown each
 * join link because the token is re-derived from this key. The server reads it once at start
 * (`app.tokenKey`); seeds and tests that open a database file ask here.
 */
export function tokenKey(db: Db): string {
  const fromEnv = configuredTokenKey(db);
  if (fromEnv !== undefined) return fromEnv;
  // A tool that opened the database without the configured key must not make a second one.
  if (readSetting(db, FINGERPRINT_ROW) !== undefined) throw new TokenKeyMismatchError(NOT_SET);
  db.insert(settings).values({ key: KEY_ROW, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run();
  return readSetting(db, KEY_ROW)!;
}

import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './open.ts';
import { settings } from './schema.ts';
import type { Store, Tx } from './store/store.ts';

// The key every station token is derived from. By default it is made at first start and kept in
// the database, so whoever reads the file (or a backup) can derive every station's join link.
// With TOKEN_KEY set it lives only in the environment: the database keeps a fingerprint of it,
// so a start with no key or another key is refused instead of silently voiding every link.

export const KEY_ROW = 'token_key';
export const FINGERPRINT_ROW = 'token_key_fingerprint';

export const NOT_SET =
  "This database's station links were made with TOKEN_KEY, which is not set: set it to the same key (or every station link would change).";

export const readSetting = (db: Db, key: string): string | undefined =>
  db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;

const fingerprint = (key: string) => createHash('sha256').update(`ringstuga token key\n${key}`, 'utf8').digest('hex');

export class TokenKeyMismatchError extends Error {}

/** What `settleTokenKey` did, for the start-up log. */
export type TokenKeySource = 'database' | 'environment' | 'moved-out-of-database';

/** A setting's value, read through the store. */
const settingIn = (q: Tx, key: string): Promise<string | undefined> => q.value<string>(sql`SELECT value FROM settings WHERE key = ${key}`);

/**
 * Decides where the key comes from, once at start, and returns it. TOKEN_KEY set: the database
 * must not hold another key (refused), a key equal to it is deleted from the database (moved out),
 * and only a fingerprint is stored. TOKEN_KEY unset: a database whose links came from TOKEN_KEY is
 * refused; otherwise the key is read from the database, or made there at first start (by whichever
 * node inserts first, when several start at once).
 */
export async function settleTokenKey(store: Store, fromEnv: string | undefined): Promise<{ key: string; source: TokenKeySource }> {
  const [stored, print] = await store.read(async (q) => [await settingIn(q, KEY_ROW), await settingIn(q, FINGERPRINT_ROW)] as const);
  if (fromEnv === undefined) {
    if (print !== undefined) throw new TokenKeyMismatchError(NOT_SET);
    if (stored !== undefined) return { key: stored, source: 'database' };
    const made = randomBytes(32).toString('base64url');
    const key = await store.write(async (q) => {
      await q.db.insert(settings).values({ key: KEY_ROW, value: made }).onConflictDoNothing();
      return (await settingIn(q, KEY_ROW))!;
    });
    return { key, source: 'database' };
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
  await store.write(async (q) => {
    await q.db.delete(settings).where(eq(settings.key, KEY_ROW));
    await q.db.insert(settings).values({ key: FINGERPRINT_ROW, value: newPrint }).onConflictDoUpdate({ target: settings.key, set: { value: newPrint } });
  });
  if (stored === undefined) return { key: fromEnv, source: 'environment' };
  // The deleted row's old versions: SQLite's WAL (secure_delete zeroed the row in the file), PostgreSQL's dead tuple.
  await store.scrub(['settings']);
  return { key: fromEnv, source: 'moved-out-of-database' };
}

/**
 * The database's own key (made if missing), for test fixtures that open a database file without a
 * server. Stations store only a hash of their token; the admin can still be shown each join link
 * because the token is re-derived from the key. The server settles it once at start
 * (`settleTokenKey`, then `app.tokenKey`).
 */
export function tokenKey(db: Db): string {
  // A database whose links come from TOKEN_KEY must not get a second key here.
  if (readSetting(db, FINGERPRINT_ROW) !== undefined) throw new TokenKeyMismatchError(NOT_SET);
  db.insert(settings).values({ key: KEY_ROW, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run();
  return readSetting(db, KEY_ROW)!;
}

import type { Database } from 'better-sqlite3';

// Deleting a row only unlinks it, and so does rewriting it: a contact's older versions linger in
// free space and older page versions in the WAL. db/open.ts turns on secure_delete, so freed space
// is zeroed; these two then take the WAL's old pages and a pre-secure_delete file's leftovers too.

/**
 * What follows an erasure or the purge once its write has committed, outside any transaction: the
 * deleted rows' old versions go from the store's files too. `tables` names the tables the write
 * deleted or rewrote people's rows in: PostgreSQL's scrubber will VACUUM those (its deletes leave
 * dead tuples until then); SQLite's works on the whole file.
 */
export interface Scrubber {
  /** After an erasure (a person, a list, a campaign's archive). */
  afterErase(tables: readonly string[]): void | Promise<void>;
  /** After the purge of everything: the database rebuilt from its live rows, as small as it gets. */
  compact(tables: readonly string[]): void | Promise<void>;
}

/** Copies the WAL into the database file and truncates it: the WAL still holds erased rows' old pages. */
export function truncateWal(sqlite: Database): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Rebuilds the database file from its live rows, then empties the WAL. For the end-of-campaign
 * purge: it also drops what a database written before secure_delete was on still holds, and the
 * file shrinks to the statistics. Outside any transaction; it blocks the server while it runs,
 * which with the personal data gone is a moment.
 */
export function compact(sqlite: Database): void {
  sqlite.exec('VACUUM');
  truncateWal(sqlite);
}

/** The embedded store's scrubber: the WAL emptied, and for the purge the whole file rebuilt. */
export const sqliteScrubber = (sqlite: Database): Scrubber => ({
  afterErase: () => truncateWal(sqlite),
  compact: () => compact(sqlite),
});

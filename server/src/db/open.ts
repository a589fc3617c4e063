import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '../paths.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Owner only: the file holds the contacts' numbers and, unless TOKEN_KEY is set, the key of every station link. */
export const DATA_FILE_MODE = 0o600;
export const DATA_FOLDER_MODE = 0o700;

/** What `secureDataFiles` found: files it made owner-only, and a folder it left open to others. */
export interface DataFileReport {
  tightened: string[];
  openFolder?: string;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** Whether users other than the owner may read or enter `path`. */
const openToOthers = (path: string) => (modeOf(path) & 0o077) !== 0;

/**
 * Makes `path` and its SQLite companions owner-only before SQLite opens them. A new folder is made
 * 0700 and a new file 0600 (SQLite gives its -wal, -shm and -journal files the database file's
 * mode); an existing file others could read is tightened. An existing folder is only reported, since it
 * may be shared (a home, /tmp): the files in it are what must be private.
 */
export function secureDataFiles(path: string): DataFileReport {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: DATA_FOLDER_MODE });
  closeSync(openSync(path, 'a', DATA_FILE_MODE));
  const tightened = [path, `${path}-wal`, `${path}-shm`, `${path}-journal`].filter((file) => existsSync(file) && openToOthers(file));
  // Only the others' bits go: a file its owner made read-only stays read-only.
  for (const file of tightened) chmodSync(file, modeOf(file) & 0o700);
  return { tightened, ...(openToOthers(folder) && { openFolder: folder }) };
}

export interface OpenOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Told when a file had to be made owner-only, or the folder is open to others (the server logs it). */
  onDataFileReport?: (report: DataFileReport) => void;
}

/** Opens (creating if needed, owner-only) the SQLite file and applies every pending migration. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    const report = secureDataFiles(path);
    if (report.tightened.length > 0 || report.openFolder !== undefined) options.onDataFileReport?.(report);
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL survives a killed process (not a power cut) at a third of FULL's commit cost.
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: fewer fsyncs on the outcome path (bench/).
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  // Deleted and rewritten rows are zeroed, not just unlinked: an erased person must not stay
  // readable in the file's free space (the privacy tests read the bytes). No measurable cost here.
  sqlite.pragma('secure_delete = ON');
  // The write batcher runs each write in a savepoint; a savepoint's journal keeps the pages it
  // changes (an outcome changes ~16, just past the 64 KiB SQLite holds in memory), and once spilled it
  // stays a temporary file that grows for the whole batch: ~50 writes per calling cycle, a quarter
  // of its CPU (bench/calling-cpu.ts). In memory it is emptied as each write ends. (VACUUM builds
  // its copy in memory too: the purge's, once per campaign.)
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

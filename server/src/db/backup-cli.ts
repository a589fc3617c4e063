// `npm run backup -- <file> [--force]`: a consistent copy of DATABASE_PATH, taken while the
// server keeps serving. Restoring is described in the README ("Backup and restore").
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { DATA_FILE_MODE, DATA_FOLDER_MODE } from './open.ts';

const USAGE = 'usage: npm run backup -- <file> [--force]   (copies DATABASE_PATH to <file>)';
// This copies the SQLite file only; PostgreSQL's own tools copy a database consistently while it serves.
const POSTGRES_BACKUP =
  'DATABASE_URL is set: this copies the SQLite file only. Back up PostgreSQL with pg_dump --format=custom (or your service\'s backups); see the README, "Backup and restore"';
/**
 * All pages in one step, so the copy is made inside a single read transaction: a consistent
 * snapshot that WAL lets the server keep writing through. In small steps SQLite restarts the
 * copy whenever the server commits in between, which under steady calling may never finish.
 */
const ALL_PAGES = 0x7fffffff;

interface BackupResult {
  source: string;
  target: string;
  pages: number;
}

/** Copies the live database at `source` to `target` with SQLite's online backup API. */
async function backupDatabase(source: string, target: string, options: { force: boolean; busyTimeoutMs: number }): Promise<BackupResult> {
  if (resolve(target) === resolve(source)) throw new Error('the backup file must not be the database itself');
  if (!existsSync(source)) throw new Error(`no database at ${source} (set DATABASE_PATH)`);
  if (existsSync(target)) {
    if (!options.force) throw new Error(`${target} already exists; pass --force to overwrite it`);
    // A stale log beside an old copy would be replayed into the new one when it is opened.
    for (const file of [target, `${target}-wal`, `${target}-shm`]) rmSync(file, { force: true });
  }
  // The copy holds what the database holds: owner-only from its first byte, like the database.
  mkdirSync(dirname(resolve(target)), { recursive: true, mode: DATA_FOLDER_MODE });
  closeSync(openSync(target, 'wx', DATA_FILE_MODE));
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    const { totalPages } = await sqlite.backup(target, { progress: () => ALL_PAGES });
    chmodSync(target, DATA_FILE_MODE);
    return { source, target, pages: totalPages };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    console.error(`${target ? 'expected one backup file' : 'missing the backup file'}\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfig(process.env);
    if (config.databaseUrl) throw new Error(POSTGRES_BACKUP);
    const result = await backupDatabase(config.databasePath, target, {
      force: parsed.values.force,
      busyTimeoutMs: config.dbBusyTimeoutMs,
    });
    console.log(`Backed up ${result.pages} pages of ${result.source} to ${resolve(result.target)}`);
    return 0;
  } catch (error) {
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function parseCommandLine(argv: string[]) {
  return parseArgs({ args: argv, options: { force: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
}

process.exitCode = await main(process.argv.slice(2));

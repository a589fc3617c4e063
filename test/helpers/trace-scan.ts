import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Store } from '../../server/src/db/store/store.ts';

/**
 * Where any of `needles` still appears in the database: every table, every row, every value
 * (as text), as `table.column: needle`. Empty means the data is gone from what SQL can read.
 */
export function tracesInTables(sqlite: Database, needles: readonly string[]): string[] {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  const found = new Set<string>();
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
        for (const needle of needles) if (text.includes(needle)) found.add(`${table}.${column}: ${needle}`);
      }
    }
  }
  return [...found];
}

/**
 * Which of `needles` the database file, its WAL or its shared-memory index still hold as bytes
 * (free pages and old page versions included).
 */
export function tracesOnDisk(databasePath: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${file}: ${needle}`);
  }
  return found;
}

/** `tracesInTables` through the store, so it reads PostgreSQL as well as SQLite. */
export async function tracesInStore(store: Store, needles: readonly string[]): Promise<string[]> {
  const tables = await store.read((q) =>
    q.all<{ name: string }>(
      q.dialect === 'sqlite'
        ? sql`SELECT name FROM sqlite_master WHERE type = 'table'`
        : sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    ),
  );
  const found = new Set<string>();
  for (const { name } of tables) {
    const rows = await store.read((q) => q.all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}"`)));
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
        for (const needle of needles) if (text.includes(needle)) found.add(`${name}.${column}: ${needle}`);
      }
    }
  }
  return [...found];
}

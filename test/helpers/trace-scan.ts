import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Store } from '../../server/src/db/store/store.ts';

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

/**
 * Where any of `needles` still appears in the database, on SQLite or PostgreSQL alike: every table
 * of the schema, every row, every value (as text), as `table.column: needle`. Empty means the data
 * is gone from what SQL can read.
 */
export async function tracesInStore(store: Store, needles: readonly string[]): Promise<string[]> {
  return store.read(async (q) => {
    const tables =
      q.dialect === 'postgres'
        ? await q.all<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
        : await q.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`);
    const found = new Set<string>();
    for (const { name: table } of tables) {
      for (const row of await q.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.identifier(table)}`)) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null || value === undefined) continue;
          const text = Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'object' ? JSON.stringify(value) : String(value);
          for (const needle of needles) if (text.includes(needle)) found.add(`${table}.${column}: ${needle}`);
        }
      }
    }
    return [...found];
  });
}

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Row count and content digest of one table. */
export interface TableDigest {
  rows: number;
  sha256: string;
}

/**
 * Every table's rows, digested: equal snapshots mean not a single row changed. Digests rather
 * than the rows themselves, so thousands of rows compare in milliseconds; the table name says
 * where to look when they differ.
 */
export function snapshotTables(sqlite: Database): Record<string, TableDigest> {
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => {
      const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
      const sha256 = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
      return [table, { rows: rows.length, sha256 }];
    }),
  );
}

import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Store, Tx } from '../../server/src/db/store/store.ts';

/** Row count and content digest of one table. */
export interface TableDigest {
  rows: number;
  sha256: string;
}

const tableNames = (q: Tx): Promise<{ name: string }[]> =>
  q.all<{ name: string }>(
    q.dialect === 'sqlite'
      ? sql`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );

/**
 * Every table's rows, digested: equal snapshots mean not a single row changed. Digests rather
 * than the rows themselves, so thousands of rows compare in milliseconds; the table name says
 * where to look when they differ. Rows are sorted by their content (PostgreSQL has no rowid and
 * no order without ORDER BY), so an equal set of rows is an equal digest on both stores.
 */
export async function snapshotTables(store: Store): Promise<Record<string, TableDigest>> {
  // One read for all tables: one connection on PostgreSQL, not one per table (fuzz tests snapshot after every run).
  return store.read(async (q) => {
    const digests: [string, TableDigest][] = [];
    for (const { name } of await tableNames(q)) {
      const rows = await q.all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}"`));
      const lines = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).sort();
      digests.push([name, { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') }]);
    }
    return Object.fromEntries(digests);
  });
}

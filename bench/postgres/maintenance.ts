// PostgreSQL's own maintenance during a row: autovacuum and autoanalyze of the row's tables. Each
// run invalidates the cached plans of every statement on its table, so every node's connections
// plan their statements again at once: a burst of CPU that a p99 over 30 s shows or not, as a run
// falls in its window or not (docs/benchmark.md, 5 December 2026). The report says which it was.
import { z } from 'zod';
import { withDatabase } from '../../test/helpers/postgres/cluster-checks.ts';

const zTable = z.object({ table: z.string(), runs: z.coerce.number(), last: z.coerce.number().nullable() });
export type TableMaintenance = z.infer<typeof zTable>;

/** Per table: autovacuum and autoanalyze runs so far, and when the last one ended (epoch ms). */
export function readMaintenance(url: string): Promise<TableMaintenance[]> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query(
      `SELECT relname AS table, autovacuum_count + autoanalyze_count AS runs,
         EXTRACT(EPOCH FROM GREATEST(last_autovacuum, last_autoanalyze)) * 1000 AS last
       FROM pg_stat_user_tables`,
    );
    return z.array(zTable).parse(rows);
  });
}

export interface Maintenance {
  /** Runs between the two readings (the steady pace with its warm-up period). */
  runs: number;
  /** Tables whose last run ended inside the measured window. */
  inWindow: string[];
}

export function maintenanceBetween(before: TableMaintenance[], after: TableMaintenance[], window: { from: number; to: number }): Maintenance {
  const runsBefore = new Map(before.map((row) => [row.table, row.runs]));
  const changed = after.map((row) => ({ ...row, added: row.runs - (runsBefore.get(row.table) ?? 0) })).filter((row) => row.added > 0);
  return {
    runs: changed.reduce((sum, row) => sum + row.added, 0),
    inWindow: changed.filter((row) => row.last !== null && row.last >= window.from && row.last <= window.to).map((row) => row.table),
  };
}

export const describeMaintenance = (m: Maintenance) =>
  m.inWindow.length > 0 ? `${m.runs} run(s); in the measured window: ${m.inWindow.join(', ')}` : `${m.runs} run(s); none in the measured window`;

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/open.ts';
import { Allocator } from '../../../server/src/features/calling/allocator.ts';
import { tempDatabasePath } from '../../helpers/server.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The SQL of every statement the allocator prepares, read through a database that records them. */
function allocatorStatements(sqlite: Database.Database): string[] {
  const seen: string[] = [];
  const recording = new Proxy(sqlite, {
    get: (target, key) => (key === 'prepare' ? (sql: string) => (seen.push(sql), target.prepare(sql)) : Reflect.get(target, key)),
  });
  new Allocator(recording, { leaseMs: 60_000, clock: {} as never });
  return seen;
}

describe('the claim queries', () => {
  // A partial index serves a query only when the query names its condition literally: one that
  // stops doing so falls back to a scan per claim (a 100× slower cycle), which no result shows.
  it('seek each list through the partial claim indexes, never scan the contacts', () => {
    const { path, cleanup: remove } = tempDatabasePath();
    cleanup = remove;
    openDatabase(path).$client.close();
    const sqlite = new Database(path);
    try {
      const params = { now: 1, fixedList: null, association: null, room: 1, language: 'ar' };
      const plans = allocatorStatements(sqlite)
        .filter((sql) => sql.includes('heads AS MATERIALIZED'))
        .map((sql) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n'));
      expect(plans).toHaveLength(2);
      expect(plans[0]).toContain('SEARCH h USING COVERING INDEX contacts_claim_any');
      expect(plans[1]).toContain('SEARCH h USING COVERING INDEX contacts_claim_language');
      for (const plan of plans) expect(plan).not.toMatch(/SCAN (h|c)\b/);
    } finally {
      sqlite.close();
    }
  });
});

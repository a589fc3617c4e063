import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/open.ts';
import { ALLOCATOR_STATEMENTS } from '../../../server/src/features/calling/claim-statements.ts';
import { CALLING_STATEMENTS } from '../../../server/src/features/calling/calling.repo.ts';
import { tempDatabasePath } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The SQLite text of every statement the allocator (and, with `repo`, the calling repo) prepares. */
function allocatorStatements(repo = false): string[] {
  return [...Object.values(ALLOCATOR_STATEMENTS), ...(repo ? Object.values(CALLING_STATEMENTS) : [])].map((statement) => statement.sqlite);
}

/** EXPLAIN QUERY PLAN of the one recorded statement that contains `fragment`, any parameter bound to 1. */
function planOf(sqlite: Database.Database, statements: string[], fragment: string): string {
  const matching = statements.filter((sql) => sql.replace(/\s+/g, ' ').includes(fragment));
  expect(matching, fragment).toHaveLength(1);
  const sql = matching[0]!;
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!))];
  const args = names.length > 0 ? [Object.fromEntries(names.map((name) => [name, 1]))] : Array<number>((sql.match(/\?/g) ?? []).length).fill(1);
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail).join('\n');
}

/** Each hot statement of a cycle, and the index its comment names. */
const HOT_STATEMENTS: [fragment: string, plan: string][] = [
  ["FROM assignments WHERE status = 'active' AND expires_at <= ?", 'assignments_expiry'],
  ["SELECT * FROM assignments WHERE station_id = ? AND status = 'active'", 'assignments_one_per_station'],
  ['FROM stations s LEFT JOIN assignments a', 'SEARCH a USING INDEX assignments_one_per_station'],
  ["UPDATE assignments SET status = 'expired', ended_at = ? WHERE id = ?", 'sqlite_autoindex_assignments_1'],
  ["UPDATE contacts SET status = 'held' WHERE phone = ?", 'contacts_phone'],
  ['SELECT * FROM assignments WHERE id = ?', 'sqlite_autoindex_assignments_1'],
  ['UPDATE assignments SET status = ?, ended_at = ? WHERE id = ?', 'sqlite_autoindex_assignments_1'],
  ['SELECT id, room_id, association_id, languages FROM shifts WHERE station_id = ?', 'shifts_one_open_per_station'],
  ['SELECT t.association_id FROM calling_sessions r', 'SEARCH calling_sessions USING INDEX calling_sessions_room_start (room_id=? AND starts_at<?)'],
  ['SELECT t.association_id FROM calling_sessions r', 'SEARCH t USING INDEX teams_session (session_id=?)'],
  // The card's history, a subquery of its one statement.
  ['FROM calls h WHERE h.contact_id = c.id', 'SEARCH h USING INDEX calls_contact'],
  ["UPDATE contacts SET status = 'ready', next_call_at = MAX(next_call_at, ?)", 'contacts_phone'],
  ["UPDATE contacts SET status = 'done', closed_reason = ? WHERE phone = ?", 'contacts_phone'],
  // The outcome's read (a retry's): the lease by its key, the number's calls through contacts_phone and calls_contact.
  ['SELECT COUNT(*) FROM calls k JOIN contacts o', 'SEARCH k USING INDEX calls_contact'],
  ["UPDATE assignments SET status = 'completed', ended_at = ? WHERE id = ?", 'sqlite_autoindex_assignments_1'],
  ['SELECT outcome FROM calls WHERE assignment_id = ?', 'calls_assignment'],
  ['UPDATE call_lists SET attempts = attempts + 1', 'INTEGER PRIMARY KEY'],
  ['UPDATE shifts SET attempts = attempts + 1', 'INTEGER PRIMARY KEY'],
  // Only while nothing is due, but then at every station's ask: the active leases, not the list's contacts.
  ['SELECT a.expires_at FROM assignments a', 'SCAN a USING INDEX assignments_expiry'],
];

// SQLite's EXPLAIN QUERY PLAN on a SQLite file opened by hand: about SQLite's planner only.
describe.skipIf(onPostgres)('the claim queries', () => {
  // A partial index serves a query only when the query names its condition literally: one that
  // stops doing so falls back to a scan per claim (a 100× slower cycle), which no result shows.
  it('seek each list through the partial claim indexes, never scan the contacts', () => {
    const { path, cleanup: remove } = tempDatabasePath();
    cleanup = remove;
    openDatabase(path).$client.close();
    const sqlite = new Database(path);
    try {
      const params = { now: 1, fixedList: null, association: null, room: 1, language: 'ar' };
      const plans = allocatorStatements()
        .filter((sql) => sql.includes('heads AS MATERIALIZED'))
        .map((sql) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n'));
      expect(plans).toHaveLength(2);
      expect(plans[0]).toContain('SEARCH h USING COVERING INDEX contacts_claim_any');
      expect(plans[1]).toContain('SEARCH h USING COVERING INDEX contacts_claim_language');
      for (const plan of plans) {
        expect(plan).not.toMatch(/SCAN (h|c|o|e|a|d)\b/);
        // The head's checks, folded into the probe: the register, an active lease on the number, the number elsewhere.
        expect(plan).toContain('SEARCH d USING COVERING INDEX sqlite_autoindex_do_not_call_1');
        expect(plan).toContain('SEARCH a USING COVERING INDEX assignments_one_per_phone');
        expect(plan).toContain('SEARCH o USING INDEX contacts_phone');
      }
    } finally {
      sqlite.close();
    }
  });

  it('run each hot statement of a cycle through the index its comment names', () => {
    const { path, cleanup: remove } = tempDatabasePath();
    cleanup = remove;
    openDatabase(path).$client.close();
    const sqlite = new Database(path);
    try {
      const statements = allocatorStatements(true);
      for (const [fragment, index] of HOT_STATEMENTS) {
        const plan = planOf(sqlite, statements, fragment);
        expect(plan, fragment).toContain(index);
        expect(plan, fragment).not.toMatch(/\bSCAN (contacts|calls|calling_sessions|teams|c|k|h|t)\b/);
      }
    } finally {
      sqlite.close();
    }
  });
});

import type { Database } from 'better-sqlite3';
import type { CallListSummary } from '@ringstuga/shared';

const SUMMARY_SELECT = `
  SELECT l.id, l.name, l.active, a.id AS association_id, a.name AS association_name,
         m.code AS municipality_code, m.name AS municipality_name, l.contacts_count, l.notes_enabled
  FROM call_lists l JOIN associations a ON a.id = l.association_id JOIN municipalities m ON m.code = a.municipality_code`;

type SummaryRow = {
  id: number;
  name: string;
  active: number;
  association_id: number;
  association_name: string;
  municipality_code: string;
  municipality_name: string;
  contacts_count: number;
  notes_enabled: number;
};

const toSummary = (row: SummaryRow): CallListSummary => ({
  id: row.id,
  name: row.name,
  active: row.active === 1,
  association: { id: row.association_id, name: row.association_name },
  municipality: { code: row.municipality_code, name: row.municipality_name },
  contacts: row.contacts_count,
  notesEnabled: row.notes_enabled === 1,
});

/** A list with what its owner's routes need to decide and label. */
export interface ListRow {
  id: number;
  name: string;
  associationId: number;
  associationName: string;
  notesEnabled: boolean;
}

export function createListsRepo(sqlite: Database) {
  // A deleted list is gone for every route: only its anonymous counters remain (in the leaderboards).
  const all = sqlite.prepare(`${SUMMARY_SELECT} WHERE l.deleted_at IS NULL ORDER BY m.name, a.name, l.id`);
  const summary = sqlite.prepare(`${SUMMARY_SELECT} WHERE l.id = ? AND l.deleted_at IS NULL`);
  const exists = sqlite.prepare('SELECT 1 FROM call_lists WHERE id = ? AND deleted_at IS NULL');
  const find = sqlite.prepare(
    `SELECT l.id, l.name, l.association_id AS associationId, a.name AS associationName, l.notes_enabled AS notesEnabled
     FROM call_lists l JOIN associations a ON a.id = l.association_id WHERE l.id = ? AND l.deleted_at IS NULL`,
  );
  const insert = sqlite.prepare(
    'INSERT INTO call_lists (association_id, name, notes_enabled, created_at) VALUES (@associationId, @name, @notesEnabled, @now)',
  );
  const associationExists = sqlite.prepare('SELECT 1 FROM associations WHERE id = ?');
  const updateSettings = sqlite.prepare(
    `UPDATE call_lists SET name = COALESCE(@name, name), notes_enabled = COALESCE(@notesEnabled, notes_enabled) WHERE id = @id`,
  );
  return {
    /** Every list (by municipality, association and id), or one association's own. */
    summaries: (): CallListSummary[] => (all.all() as SummaryRow[]).map(toSummary),
    summary: (id: number): CallListSummary | undefined => {
      const row = summary.get(id) as SummaryRow | undefined;
      return row && toSummary(row);
    },
    exists: (id: number) => exists.get(id) !== undefined,
    find: (id: number): ListRow | undefined => {
      const row = find.get(id) as (Omit<ListRow, 'notesEnabled'> & { notesEnabled: number }) | undefined;
      return row && { ...row, notesEnabled: row.notesEnabled === 1 };
    },
    associationExists: (id: number) => associationExists.get(id) !== undefined,
    /** A new, empty list; returns its id. */
    create(input: { associationId: number; name: string; notesEnabled: boolean }, now: number): number {
      return Number(insert.run({ ...input, notesEnabled: input.notesEnabled ? 1 : 0, now }).lastInsertRowid);
    },
    /** What a list's owner may change about it: its name and whether callers may leave notes. */
    updateSettings(id: number, change: { name?: string; notesEnabled?: boolean }): void {
      const notesEnabled = change.notesEnabled === undefined ? null : change.notesEnabled ? 1 : 0;
      updateSettings.run({ id, name: change.name ?? null, notesEnabled });
    },
  };
}

export type ListsRepo = ReturnType<typeof createListsRepo>;

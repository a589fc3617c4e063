import type { Database } from 'better-sqlite3';
import type { CallListSummary } from '@ringstuga/shared';

export function createListsRepo(sqlite: Database) {
  const all = sqlite.prepare(
    `SELECT l.id, l.name, l.active, a.id AS association_id, a.name AS association_name,
            m.code AS municipality_code, m.name AS municipality_name, l.contacts_count
     FROM call_lists l JOIN associations a ON a.id = l.association_id JOIN municipalities m ON m.code = a.municipality_code
     ORDER BY m.name, a.name, l.id`,
  );
  const exists = sqlite.prepare('SELECT 1 FROM call_lists WHERE id = ?');
  type Row = {
    id: number;
    name: string;
    active: number;
    association_id: number;
    association_name: string;
    municipality_code: string;
    municipality_name: string;
    contacts_count: number;
  };
  return {
    summaries: (): CallListSummary[] =>
      (all.all() as Row[]).map((row) => ({
        id: row.id,
        name: row.name,
        active: row.active === 1,
        association: { id: row.association_id, name: row.association_name },
        municipality: { code: row.municipality_code, name: row.municipality_name },
        contacts: row.contacts_count,
      })),
    exists: (id: number) => exists.get(id) !== undefined,
  };
}

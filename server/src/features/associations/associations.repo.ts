import type { Database } from 'better-sqlite3';
import type { StationHello } from '@ringstuga/shared';

export interface AssociationSummary {
  id: number;
  name: string;
  municipality: { code: string; name: string };
  lists: number;
}

export function createAssociationsRepo(sqlite: Database) {
  const all = sqlite.prepare(
    `SELECT a.id, a.name, m.code AS municipality_code, m.name AS municipality_name,
            (SELECT COUNT(*) FROM call_lists l WHERE l.association_id = a.id AND l.deleted_at IS NULL) AS lists
     FROM associations a JOIN municipalities m ON m.code = a.municipality_code
     ORDER BY m.name, a.name`,
  );
  const names = sqlite.prepare(
    `SELECT a.id, a.name, m.name AS municipality FROM associations a JOIN municipalities m ON m.code = a.municipality_code
     ORDER BY m.name, a.name`,
  );
  const exists = sqlite.prepare('SELECT 1 FROM associations WHERE id = ?');
  type Row = { id: number; name: string; municipality_code: string; municipality_name: string; lists: number };
  return {
    /** Every association by municipality and name, with how many lists it owns. */
    summaries: (): AssociationSummary[] =>
      (all.all() as Row[]).map((row) => ({
        id: row.id,
        name: row.name,
        municipality: { code: row.municipality_code, name: row.municipality_name },
        lists: row.lists,
      })),
    /** What a station's check-in offers: every association with its municipality's name. */
    names: () => names.all() as StationHello['associations'],
    exists: (id: number) => exists.get(id) !== undefined,
  };
}

export type AssociationsRepo = ReturnType<typeof createAssociationsRepo>;

import type { Database } from 'better-sqlite3';
import { createAuditLog } from '../audit/audit-log.ts';

// The privacy routes' side of the audit log: they record through audit-log.ts and read the log
// back for the admin. Counts and kinds only, never a name or a number.

export type PrivacyAction = 'do_not_call' | 'erase' | 'update';
type Detail = Record<string, string | number | boolean | null>;

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: Detail | null;
}

export function createAuditTrail(sqlite: Database, now: () => number) {
  const log = createAuditLog(sqlite, now);
  const page = sqlite.prepare(
    'SELECT id, at, actor, action, target, detail FROM audit_log WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit',
  );
  return {
    record(entry: { actor: string; action: PrivacyAction; target: string; detail: Detail }): void {
      log.record(entry);
    },
    /** Newest first; `before` (an entry id) pages back through older entries. */
    entries(limit: number, before?: number): AuditRow[] {
      const rows = page.all({ limit, before: before ?? null }) as (Omit<AuditRow, 'detail'> & { detail: string | null })[];
      return rows.map((row) => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as Detail) }));
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;

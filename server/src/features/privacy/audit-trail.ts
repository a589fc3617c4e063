import { desc, lt } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { auditLog } from '../../db/schema.ts';
import type { AuditLog } from '../audit/audit-log.ts';

// The privacy routes' side of the audit log: they record through audit-log.ts and read the log
// back for the admin. Counts and kinds only, never a name or a number.

export type PrivacyAction = 'do_not_call' | 'erase' | 'update';
type Detail = Record<string, string | number | boolean | null>;

export type AuditRow = Omit<typeof auditLog.$inferSelect, 'detail'> & { detail: Detail | null };

/** `log`: the app's audit log (audit/), which the privacy routes record through like every feature. */
export function createAuditTrail(db: Db, log: AuditLog) {
  return {
    record(entry: { actor: string; action: PrivacyAction; target: string; detail: Detail }): void {
      log.record(entry);
    },
    /** Newest first; `before` (an entry id) pages back through older entries. */
    entries(limit: number, before?: number): AuditRow[] {
      const rows = db
        .select()
        .from(auditLog)
        .where(before === undefined ? undefined : lt(auditLog.id, before))
        .orderBy(desc(auditLog.id))
        .limit(limit)
        .all();
      return rows.map((row) => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as Detail) }));
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;

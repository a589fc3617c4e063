import { desc, lt } from 'drizzle-orm';
import type { Tx } from '../../db/store/store.ts';
import { auditLog } from '../../db/schema.ts';
import type { AuditLog } from '../audit/audit-log.ts';

// The privacy routes' side of the audit log: they record through audit-log.ts and read the log
// back for the admin. Counts and kinds only, never a name or a number.

export type PrivacyAction = 'do_not_call' | 'erase' | 'update';
type Detail = Record<string, string | number | boolean | null>;

export type AuditRow = Omit<typeof auditLog.$inferSelect, 'detail'> & { detail: Detail | null };

/** An audit row as read back: its detail parsed from the JSON it is stored as. */
export const auditRow = (row: typeof auditLog.$inferSelect): AuditRow => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as Detail) });

/** `log`: the app's audit log (audit/), which the privacy routes record through like every feature. */
export function createAuditTrail(log: AuditLog) {
  return {
    /** Inside the write whose change it records: logged if and only if the change is. */
    record(q: Tx, entry: { actor: string; action: PrivacyAction; target: string; detail: Detail }): Promise<void> {
      return log.add(q, entry);
    },
    /** Newest first; `before` (an entry id) pages back through older entries. */
    async entries(q: Tx, limit: number, before?: number): Promise<AuditRow[]> {
      const rows = await q.db
        .select()
        .from(auditLog)
        .where(before === undefined ? undefined : lt(auditLog.id, before))
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return rows.map(auditRow);
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;

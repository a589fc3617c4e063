import { desc } from 'drizzle-orm';
import { auditLog } from '../../server/src/db/schema.ts';
import type { Store } from '../../server/src/db/store/store.ts';
import { auditRow, type AuditRow } from '../../server/src/features/privacy/audit-trail.ts';

/** Every audit entry, oldest first, without its id: as the admin's audit route reads it. */
export async function auditEntries(app: { store: Store }): Promise<Omit<AuditRow, 'id'>[]> {
  const rows = await app.store.read((q) => q.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(10_000));
  return rows
    .map(auditRow)
    .reverse()
    .map(({ at, actor, action, target, detail }) => ({ at, actor, action, target, detail }));
}

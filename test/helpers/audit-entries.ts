import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditLog } from '../../server/src/db/schema.ts';
import { auditRow, type AuditRow } from '../../server/src/features/privacy/audit-trail.ts';

/**
 * Every audit entry, oldest first, without its id: as the admin's audit route reads it. Read on the
 * SQLite connection directly, so that tests can look synchronously.
 */
export function auditEntries(app: FastifyInstance): Omit<AuditRow, 'id'>[] {
  return app.db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(10_000)
    .all()
    .map(auditRow)
    .reverse()
    .map(({ at, actor, action, target, detail }) => ({ at, actor, action, target, detail }));
}

import type { FastifyInstance } from 'fastify';
import { createAuditTrail, type AuditRow } from '../../server/src/features/privacy/audit-trail.ts';

/** Every audit entry, oldest first, without its id: read back as the admin's audit route reads it. */
export function auditEntries(app: FastifyInstance): Omit<AuditRow, 'id'>[] {
  return createAuditTrail(app.db, app.now)
    .entries(10_000)
    .reverse()
    .map(({ at, actor, action, target, detail }) => ({ at, actor, action, target, detail }));
}

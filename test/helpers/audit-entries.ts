import type { FastifyInstance } from 'fastify';
import type { AuditRow } from '../../server/src/features/privacy/audit-trail.ts';

/** Every audit entry, oldest first, without its id: read back as the admin's audit route reads it. */
export function auditEntries(app: FastifyInstance): Omit<AuditRow, 'id'>[] {
  return app.privacy.audit
    .entries(10_000)
    .reverse()
    .map(({ at, actor, action, target, detail }) => ({ at, actor, action, target, detail }));
}

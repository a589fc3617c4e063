import fp from 'fastify-plugin';
import { createAuditLog, type AuditLog } from './audit-log.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who viewed, imported, exported or erased what, and who changed who can reach what. */
    audit: AuditLog;
  }
}

export const auditPlugin = fp(
  async (app) => {
    app.decorate('audit', createAuditLog(app.now));
  },
  { name: 'audit', dependencies: ['database'] },
);

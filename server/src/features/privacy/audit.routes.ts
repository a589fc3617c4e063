import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zHttpError } from '../../http-errors.ts';
import type { AuditTrail } from './audit-trail.ts';

const zAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});

/** Who viewed, imported, exported or erased what: the admin reads the log back, newest first. */
export const auditRoutes =
  (audit: AuditTrail): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'The audit log, newest first; `before` (an entry id) pages back to older entries',
          tags: ['privacy'],
          security: [{ bearer: [] }],
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            before: z.coerce.number().int().positive().optional(),
          }),
          response: { 200: z.object({ entries: z.array(zAuditEntry) }), 400: zHttpError, 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => ({
        entries: (await app.store.read((q) => audit.entries(q, request.query.limit, request.query.before))).map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
      }),
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zListProgress } from '@ringstuga/shared';
import { errorBody, replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { actorOf } from '../audit/audit-log.ts';
import { registerExport } from '../exports/export-routes.ts';
import { createListExport, type ListExport } from './list-export.ts';
import { createListProgress } from './list-progress.ts';
import type { ListsRepo } from './lists.repo.ts';
import { NO_SUCH_LIST, visibleList } from './lists.service.ts';

/** A list's progress and exports, for the admin and the list's own association; every one is audited. */
export const listReportsRoutes = (lists: ListsRepo): FastifyPluginAsyncZod => async (app) => {
  const progress = createListProgress({ timeZone: app.config.timeZone });
  const exports = createListExport();
  const { audit } = app;
  const security = [{ bearer: [] }];
  const params = z.strictObject({ id: z.coerce.number().int().positive() });

  app.get(
    '/api/lists/:id/progress',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        summary: "A list's contacts, persons called, answers, conversations, why the rest wait, attempts per day and per voting district",
        tags: ['lists'],
        security,
        params,
        response: { 200: zListProgress, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'association');
      const now = app.now();
      const result = await app.store.read(async (q) => {
        const list = await visibleList(q, lists, access, request.params.id);
        return list && { list, progress: await progress.progress(q, list, now) };
      });
      if (!result) return replyError(reply, 'not_found', NO_SUCH_LIST);
      const { list } = result;
      await app.store.write((q) => audit.add(q, { at: now, actor: actorOf(access), action: 'view', target: `list:${list.id}`, detail: { view: 'progress' } }));
      return result.progress;
    },
  );

  const exportRoute = (path: string, kind: keyof ListExport, summary: string) =>
    registerExport(app, {
      path,
      roles: ['admin', 'association'],
      summary,
      tags: ['lists'],
      params,
      load: async (request, { id }) => {
        const access = accessOf(request, 'admin', 'association');
        const found = await app.store.read(async (q) => {
          const list = await visibleList(q, lists, access, id);
          return list && { list, table: await exports[kind](q, list) };
        });
        if (!found) return errorBody('not_found', NO_SUCH_LIST);
        const { list, table } = found;
        // Logged before it is sent: an export that cannot be logged is not served.
        const entry = { at: app.now(), actor: actorOf(access), action: 'export', target: `list:${list.id}`, detail: { export: kind, rows: table.rows.length } } as const;
        await app.store.write((q) => audit.add(q, entry));
        return { table, filename: `list-${list.id}-${kind}`, sheet: kind };
      },
    });

  exportRoute(
    '/api/lists/:id/export',
    'contacts',
    "A list's contacts with their status, latest outcome, attempts and call-back time",
  );
  exportRoute(
    '/api/lists/:id/attempts',
    'attempts',
    'Every attempt on a list: time, contact, outcome, note (where the list keeps notes), call-back time, station',
  );
};

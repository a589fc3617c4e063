import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCallListSummary, zListUpdate } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { createListsRepo } from '../lists/lists.repo.ts';
import { NO_SUCH_LIST, visibleList } from '../lists/lists.service.ts';
import type { PrivacyService } from './privacy.service.ts';

/** A list's owner (or the admin) switches its notes off, renames it, or deletes its personal data. */
export const listAdminRoutes =
  (privacy: PrivacyService): FastifyPluginAsyncZod =>
  async (app) => {
    const lists = createListsRepo(app.db.$client);
    const security = [{ bearer: [] }];
    const params = z.strictObject({ id: z.coerce.number().int().positive() });

    app.patch(
      '/api/lists/:id',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Renames a list or switches its notes off (or on); stations see the switch on their next contact card",
          tags: ['lists'],
          security,
          params,
          body: zListUpdate,
          response: { 200: zCallListSummary, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        const list = visibleList(lists, access, request.params.id);
        if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
        await privacy.updateList(list.id, request.body, actorOf(access));
        return lists.summary(list.id)!;
      },
    );

    app.delete(
      '/api/lists/:id',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Deletes a list's personal data: its contacts, their calls and leases; its anonymous counters stay in the leaderboards",
          description:
            'The list is emptied and paused; its attempts, answers and conversations (and its hours of activity) keep counting for its association.',
          tags: ['lists'],
          security,
          params,
          response: { 204: z.null(), 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError, 409: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        const list = visibleList(lists, access, request.params.id);
        if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
        if (!(await privacy.deleteList(list.id, actorOf(access)))) {
          return replyError(reply, 'conflict', 'An import is writing this list; delete it once the import has finished');
        }
        return reply.code(204).send(null);
      },
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCallListSummary, zListInput, zListUpdate } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { replyError, zHttpError, type ServiceResult } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import type { ListsRepo } from './lists.repo.ts';
import { NO_SUCH_LIST, ownerOfNewList, visibleList } from './lists.service.ts';

export interface ListsRoutesDeps {
  lists: ListsRepo;
  /** Deletes a list's personal data (the privacy service's erasure); false while an import writes it. */
  eraseList(listId: number, actor: string): Promise<boolean>;
  /** The campaign a new list joins: the one asked for if it is active, else the active one that started last. */
  campaignForNew(q: Tx, asked: number | undefined): Promise<ServiceResult<number>>;
}

/** An association's own lists (the admin's: every list): list, make, rename, switch notes off, delete. */
export const listsRoutes = (deps: ListsRoutesDeps): FastifyPluginAsyncZod => async (app) => {
  const { lists } = deps;
  const security = [{ bearer: [] }];
  const params = z.strictObject({ id: z.coerce.number().int().positive() });

  app.get(
    '/api/lists',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        summary: "The call lists, each with its association and municipality; an association sees only its own",
        tags: ['lists'],
        security,
        response: { 200: z.object({ lists: z.array(zCallListSummary) }), 401: zHttpError, 403: zHttpError },
      },
    },
    async (request) => {
      const access = accessOf(request, 'admin', 'association');
      const all = await app.store.read((q) => lists.summaries(q));
      return { lists: all.filter((list) => can(access, 'openList', { associationId: list.association.id })) };
    },
  );

  app.post(
    '/api/lists',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        summary: 'Makes an empty call list: the admin names its association, an association makes its own',
        description:
          'campaignId: the campaign it belongs to, which must be active (an archived or unknown one answers 400); left out, the active campaign that started last.',
        tags: ['lists'],
        security,
        body: zListInput,
        response: { 201: zCallListSummary, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { name, associationId, notesEnabled } = request.body;
      const owner = await app.store.read((q) => ownerOfNewList(q, lists, accessOf(request, 'admin', 'association'), associationId));
      if (!owner.ok) return replyError(reply, owner.code, owner.message);
      const made = await app.store.write(async (q) => {
        // Asked inside the write: a campaign archived meanwhile takes no new list.
        const campaign = await deps.campaignForNew(q, request.body.campaignId);
        if (!campaign.ok) return campaign;
        const list = { associationId: owner.associationId, name, notesEnabled: notesEnabled ?? true, campaignId: campaign.value };
        return { ok: true as const, id: await lists.create(q, list, app.now()) };
      });
      if (!made.ok) return replyError(reply, made.code, made.message, made.why);
      const id = made.id;
      return reply.code(201).send((await app.store.read((q) => lists.summary(q, id)))!);
    },
  );

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
      const list = await app.store.read((q) => visibleList(q, lists, access, request.params.id));
      if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
      const change = request.body;
      if (change.name !== undefined || change.notesEnabled !== undefined) {
        const detail = { ...(change.notesEnabled !== undefined && { notesEnabled: change.notesEnabled }), ...(change.name !== undefined && { renamed: true }) };
        await app.store.write(async (q) => {
          await lists.updateSettings(q, list.id, change);
          await app.audit.add(q, { actor: actorOf(access), action: 'update', target: `list:${list.id}`, detail });
        });
      }
      return (await app.store.read((q) => lists.summary(q, list.id)))!;
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
      const list = await app.store.read((q) => visibleList(q, lists, access, request.params.id));
      if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
      if (!(await deps.eraseList(list.id, actorOf(access)))) {
        return replyError(reply, 'conflict', 'An import is writing this list; delete it once the import has finished', { reason: 'list_importing' });
      }
      return reply.code(204).send(null);
    },
  );
};

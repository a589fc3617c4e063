import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCallListSummary, zListInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import { createListsRepo } from './lists.repo.ts';
import { ownerOfNewList } from './lists.service.ts';

export const listsRoutes: FastifyPluginAsyncZod = async (app) => {
  const lists = createListsRepo(app.db.$client);
  const security = [{ bearer: [] }];

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
      return { lists: lists.summaries().filter((list) => can(access, 'openList', { associationId: list.association.id })) };
    },
  );

  app.post(
    '/api/lists',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        summary: 'Makes an empty call list: the admin names its association, an association makes its own',
        tags: ['lists'],
        security,
        body: zListInput,
        response: { 201: zCallListSummary, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { name, associationId, notesEnabled } = request.body;
      const owner = ownerOfNewList(lists, accessOf(request, 'admin', 'association'), associationId);
      if (!owner.ok) return replyError(reply, owner.code, owner.message);
      const id = lists.create({ associationId: owner.associationId, name, notesEnabled: notesEnabled ?? true }, app.now());
      return reply.code(201).send(lists.summary(id)!);
    },
  );
};

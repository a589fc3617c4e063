import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zNewHelpers } from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import { errorBody, replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { actsForAssociation } from '../associations/own-association.ts';
import { registerExport } from '../exports/export-routes.ts';
import { NO_SUCH_LIST, visibleList } from '../lists/lists.service.ts';
import { changesTable } from './changes-export.ts';
import { createChangesRepo, type ChangesRepo } from './changes.repo.ts';
import { associationSignupToken, helperSignupUrl } from './helper-signup.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the calls learnt for the association's register, and its new helpers. */
    changes: ChangesRepo;
  }
}

const zId = z.coerce.number().int().positive();
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Changes back to the association: a list's change file for its member register, and the people
 * who want to help with the sign-up link to send them. The association itself or the admin.
 */
export const changesPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const changes = createChangesRepo();
    app.decorate('changes', changes);
    const security = [{ bearer: [] }];
    const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError };

    registerExport(app, {
      path: '/api/lists/:id/changes',
      roles: ['admin', 'association'],
      summary: "A list's changes for the association's member register: wrong numbers and do-not-calls (each contact's latest call) and people who want to help",
      tags: ['lists'],
      params: z.strictObject({ id: zId }),
      load: async (request, { id }) => {
        const access = accessOf(request, 'admin', 'association');
        const found = await app.store.read(async (q) => {
          // Another association's list answers as an unknown one, as its other exports do.
          const list = await visibleList(q, app.lists, access, id);
          return list && { list, rows: await changes.changes(q, list.id) };
        });
        if (!found) return errorBody('not_found', NO_SUCH_LIST);
        const { list } = found;
        const table = changesTable(found.rows);
        // Logged before it is sent: an export that cannot be logged is not served.
        const entry = { at: app.now(), actor: actorOf(access), action: 'export', target: `list:${list.id}`, detail: { export: 'changes', rows: table.rows.length } } as const;
        await app.store.write((q) => app.audit.add(q, entry));
        return { table, filename: `list-${list.id}-changes`, sheet: 'changes' };
      },
    });

    app.get(
      '/api/associations/:id/new-helpers',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: 'The people who said yes to "Vill du hjälpa till?" on the association\'s lists, each with a one-click sign-up link to send them',
          tags: ['teams'],
          security,
          params: z.strictObject({ id: zId }),
          response: { 200: zNewHelpers, ...errors },
        },
      },
      async (request, reply) => {
        const associationId = request.params.id;
        if (!(await actsForAssociation(app, request, associationId))) return replyError(reply, 'not_found', 'No such association');
        const origin = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
        const { rows, token } = await app.store.write(async (q) => {
          const now = app.now();
          const rows = await changes.newHelpers(q, associationId);
          // The link is made with the first helper to send it to, and read again after that.
          const token = rows.length === 0 ? null : await associationSignupToken(q, { tokenKey: app.tokenKey, changes, signupLinks: app.signupLinks }, associationId, now);
          // Names and numbers were shown: logged as a count, never the people.
          await app.audit.add(q, { at: now, actor: actorOf(accessOf(request, 'admin', 'association')), action: 'view', target: `association:${associationId}`, detail: { view: 'new_helpers', helpers: rows.length } });
          return { rows, token };
        });
        return {
          // No token: no helper, and no link made.
          helpers: token === null ? [] : rows.map((row) => ({
            id: row.id,
            name: row.name,
            phone: row.phone,
            phoneNational: formatPhoneForDisplay(row.phone),
            list: { id: row.listId, name: row.listName },
            createdAt: iso(row.createdAt),
            signUpSentAt: row.signUpSentAt === null ? null : iso(row.signUpSentAt),
            signUpUrl: helperSignupUrl(origin, token, associationId, row),
          })),
        };
      },
    );

    app.post(
      '/api/associations/:id/new-helpers/:helperId/sent',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: "Marks a new helper's sign-up link sent; again keeps the first time",
          tags: ['teams'],
          security,
          params: z.strictObject({ id: zId, helperId: zId }),
          response: { 200: z.object({ id: z.number().int(), signUpSentAt: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const { id: associationId, helperId } = request.params;
        if (!(await actsForAssociation(app, request, associationId))) return replyError(reply, 'not_found', 'No such association');
        const sent = await app.store.write((q) => changes.markSent(q, associationId, helperId, app.now()));
        if (!sent) return replyError(reply, 'not_found', 'No such new helper');
        return { id: helperId, signUpSentAt: iso(sent.signUpSentAt) };
      },
    );
  },
  { name: 'changes', dependencies: ['auth', 'audit', 'lists', 'associations', 'signup-links'] },
);

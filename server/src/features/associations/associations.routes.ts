import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zAccessLink, zAccessLinkInput, zAssociationInput, zAssociationSummary, zLinkSummary } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { linkSummary } from '../auth/link-summary.ts';

/** The associations (partiföreningar) and their access links. */
export const associationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { associations } = app;
  const security = [{ bearer: [] }];

  app.get(
    '/api/associations',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Every association with its municipality and how many lists it owns',
        tags: ['associations'],
        security,
        response: { 200: z.object({ associations: z.array(zAssociationSummary) }), 401: zHttpError, 403: zHttpError },
      },
    },
    async () => ({ associations: await app.store.read((q) => associations.summaries(q)) }),
  );

  app.post(
    '/api/associations',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Adds an association (and its municipality, when new); the same one again answers 200 with it as it stands',
        tags: ['associations'],
        security,
        body: zAssociationInput,
        response: { 200: zAssociationSummary, 201: zAssociationSummary, 400: zHttpError, 401: zHttpError, 403: zHttpError, 409: zHttpError },
      },
    },
    async (request, reply) => {
      // The checks, the rows and the audit entry are one write.
      const result = await app.store.write(async (q) => {
        const made = await associations.create(q, request.body);
        if ('association' in made && made.created) {
          const { id, municipality } = made.association;
          await app.audit.add(q, { actor: 'admin', action: 'association_create', target: `association:${id}`, detail: { municipalityCode: municipality.code } });
        }
        return made;
      });
      if ('conflict' in result) return replyError(reply, 'conflict', result.conflict, result.why);
      return reply.code(result.created ? 201 : 200).send(result.association);
    },
  );

  app.post(
    '/api/associations/:id/access',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: "Makes an association's access link: its own lists, their progress, imports and exports, nothing else",
        tags: ['associations', 'access'],
        security,
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        // The label is optional, and so is the body that would carry it (a bare `curl -X POST`).
        body: zAccessLinkInput.nullish(),
        response: { 201: zAccessLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // The association's check, the link and its audit row are one write.
      const made = await app.store.write(async (q) => {
        if (!(await associations.exists(q, id))) return null;
        const link = await app.associationLinks.create(q, id, request.body?.label, app.now());
        await app.audit.add(q, { actor: 'admin', action: 'link_create', target: `association_link:${link.id}`, detail: { associationId: id } });
        return link;
      });
      if (!made) return replyError(reply, 'not_found', 'No such association');
      const { token } = made;
      // In the fragment, which browsers never send to a server or its logs.
      const origin = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send({ token, url: `${origin}/association#token=${token}` });
    },
  );

  app.get(
    '/api/associations/:id/access',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: "An association's access links (without their tokens, which are shown only when made)",
        tags: ['associations', 'access'],
        security,
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ links: z.array(zLinkSummary) }), 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const links = await app.store.read(async (q) => ((await associations.exists(q, id)) ? app.associationLinks.list(q, id) : null));
      if (!links) return replyError(reply, 'not_found', 'No such association');
      return { links: links.map(linkSummary) };
    },
  );

  app.delete(
    '/api/associations/:id/access/:linkId',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: "Revokes an association's access link: the token stops working at once",
        tags: ['associations', 'access'],
        security,
        params: z.strictObject({ id: z.coerce.number().int().positive(), linkId: z.coerce.number().int().positive() }),
        response: { 204: z.null(), 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { id, linkId } = request.params;
      const revoked = await app.store.write(async (q) => {
        if (!(await app.associationLinks.revoke(q, id, linkId, app.now()))) return false;
        await app.audit.add(q, { actor: 'admin', action: 'link_revoke', target: `association_link:${linkId}`, detail: { associationId: id } });
        return true;
      });
      if (!revoked) return replyError(reply, 'not_found', 'No such active link');
      return reply.code(204).send(null);
    },
  );
};

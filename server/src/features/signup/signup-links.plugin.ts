import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zAccessLink, zSignupLink, zSignupLinkInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf, type Access } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import { pageLink } from '../sessions/page-link.ts';
import { createSignupLinksRepo, type SignupLinksRepo } from './signup-links.repo.ts';

declare module 'fastify' {
  interface FastifyInstance {
    signupLinks: SignupLinksRepo;
  }
}

/** Sign-up links: the admin's for every room or one; a leader's always for their own room. */
export const signupLinksPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const links = createSignupLinksRepo(app.db);
    app.decorate('signupLinks', links);
    const security = [{ bearer: [] }];
    /** Who may see or revoke a link: the admin any, a leader their own room's. */
    const mayHandle = (access: Access, roomId: number | null) => access.role === 'admin' || (roomId !== null && can(access, 'steerRoom', { roomId }));

    app.post(
      '/api/signup-links',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: "Makes a sign-up link (/signup#token=…) for one room's sessions or, the admin's, every room's; a leader's is always for their room",
          tags: ['signup', 'access'],
          security,
          body: zSignupLinkInput,
          response: { 201: zAccessLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'leader');
        const roomId = request.body.roomId ?? (access.role === 'leader' ? access.roomId : null);
        if (access.role === 'leader' && roomId !== access.roomId) {
          return replyError(reply, 'forbidden', 'A leader makes sign-up links for their own room only');
        }
        if (roomId !== null && !app.rooms.find(roomId)) return replyError(reply, 'not_found', 'No such room');
        const { id, token } = links.create(roomId, actorOf(access), request.body.label, app.now());
        app.audit.record({ actor: actorOf(access), action: 'link_create', target: `signup_link:${id}`, detail: { role: 'signup', roomId } });
        return reply.code(201).send(pageLink(app.config.publicUrl, request, '/signup', token));
      },
    );

    app.get(
      '/api/signup-links',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: "Sign-up links (without tokens): the admin's view has every one, a leader's their room's",
          tags: ['signup', 'access'],
          security,
          response: { 200: z.object({ links: z.array(zSignupLink) }), 401: zHttpError, 403: zHttpError },
        },
      },
      async (request) => {
        const access = accessOf(request, 'admin', 'leader');
        return {
          links: links
            .list()
            .filter((link) => mayHandle(access, link.roomId))
            .map((link) => ({
              id: link.id,
              roomId: link.roomId,
              label: link.label,
              createdAt: new Date(link.createdAt).toISOString(),
              revoked: link.revokedAt !== null,
            })),
        };
      },
    );

    app.delete(
      '/api/signup-links/:id',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: 'Revokes a sign-up link: it stops working at once (bookings made through it stay)',
          tags: ['signup', 'access'],
          security,
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          response: { 204: z.null(), 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'leader');
        const link = links.byId(request.params.id);
        if (!link || !mayHandle(access, link.roomId) || !links.revoke(link.id, app.now())) {
          return replyError(reply, 'not_found', 'No such active link');
        }
        app.audit.record({ actor: actorOf(access), action: 'link_revoke', target: `signup_link:${link.id}` });
        return reply.code(204).send(null);
      },
    );
  },
  { name: 'signup-links', dependencies: ['auth', 'rooms'] },
);

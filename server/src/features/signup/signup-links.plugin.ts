import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zAccessLink, zSignupLink, zSignupLinkInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { linkSummary } from '../auth/link-summary.ts';
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
    const links = createSignupLinksRepo();
    app.decorate('signupLinks', links);
    const security = [{ bearer: [] }];

    app.post(
      '/api/signup-links',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary: "Makes a sign-up link (/signup#token=…) for one room's sessions or, the admin's, every room's; a leader's is always for their room",
          tags: ['signup', 'access'],
          security,
          // Every field optional, and so is the body (a bare `curl -X POST`).
          body: zSignupLinkInput.nullish(),
          response: { 201: zAccessLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'leader');
        const roomId = request.body?.roomId ?? (access.role === 'leader' ? access.roomId : null);
        if (!can(access, 'handleSignupLink', { roomId })) {
          return replyError(reply, 'forbidden', 'A leader makes sign-up links for their own room only');
        }
        if (roomId !== null && !(await app.store.read((q) => app.rooms.find(q, roomId)))) return replyError(reply, 'not_found', 'No such room');
        const { token } = await app.store.write(async (q) => {
          const made = await links.create(q, roomId, actorOf(access), request.body?.label, app.now());
          await app.audit.add(q, { actor: actorOf(access), action: 'link_create', target: `signup_link:${made.id}`, detail: { role: 'signup', roomId } });
          return made;
        });
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
          links: (await app.store.read((q) => links.list(q)))
            .filter((link) => can(access, 'handleSignupLink', link))
            .map((link) => ({ ...linkSummary(link), roomId: link.roomId })),
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
        // The revocation and its audit row are one write, as for every other link.
        const revoked = await app.store.write(async (q) => {
          const link = await links.byId(q, request.params.id);
          if (!link || !can(access, 'handleSignupLink', link) || !(await links.revoke(q, link.id, app.now()))) return false;
          await app.audit.add(q, { actor: actorOf(access), action: 'link_revoke', target: `signup_link:${link.id}` });
          return true;
        });
        return revoked ? reply.code(204).send(null) : replyError(reply, 'not_found', 'No such active link');
      },
    );
  },
  { name: 'signup-links', dependencies: ['auth', 'rooms'] },
);

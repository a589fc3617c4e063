import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zAccessLink, zLeaderLinkInput, zRoomLinkSummary, zScreenLinkInput } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf, type LinkRole } from '../auth/access.ts';
import { linkSummary } from '../auth/link-summary.ts';
import { can } from '../auth/policy.ts';
import { renewStationLink } from '../stations/station-link.ts';

const PAGES: Record<LinkRole, string> = { leader: '/room', screen: '/screen' };

/** Leader and big-screen access links. The token is shown once; only its hash is kept. */
export const linksRoutes: FastifyPluginAsyncZod = async (app) => {
  const security = [{ bearer: [] }];
  const linkFor = (role: LinkRole, token: string, origin: string) =>
    // In the fragment, which browsers never send to a server or its logs.
    ({ token, url: `${app.config.publicUrl ?? origin}${PAGES[role]}#token=${token}` });

  app.post(
    '/api/leader-links',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: "Makes a call leader's link to one room's board",
        tags: ['access'],
        security,
        body: zLeaderLinkInput,
        response: { 201: zAccessLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { roomId, label } = request.body;
      // The room's check, the link and its audit row are one write.
      const made = await app.store.write(async (q) => {
        if (!(await app.rooms.find(q, roomId))) return null;
        const link = await app.accessLinks.create(q, 'leader', roomId, label, app.now());
        await app.audit.add(q, { actor: 'admin', action: 'link_create', target: `access_link:${link.id}`, detail: { role: 'leader', roomId } });
        return link;
      });
      if (!made) return replyError(reply, 'not_found', 'No such room');
      const { token } = made;
      return reply.code(201).send(linkFor('leader', token, `${request.protocol}://${request.host}`));
    },
  );

  app.post(
    '/api/screen-links',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: "Makes a read-only big-screen link for a room (a leader's own room; the admin names one, room 1 by default)",
        tags: ['access'],
        security,
        // Every field optional, and so is the body (a bare `curl -X POST`).
        body: zScreenLinkInput.nullish(),
        response: { 201: zAccessLink, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'leader');
      const asked = request.body?.roomId;
      // A leader's own room unless it names another; the admin's room 1 unless it names one.
      const roomId = asked ?? (access.role === 'leader' ? access.roomId : 1);
      if (!can(access, 'steerRoom', { roomId })) {
        return replyError(reply, 'forbidden', 'A leader makes screen links for their own room only');
      }
      const made = await app.store.write(async (q) => {
        if (!(await app.rooms.find(q, roomId))) return null;
        const link = await app.accessLinks.create(q, 'screen', roomId, request.body?.label, app.now());
        await app.audit.add(q, { actor: actorOf(access), action: 'link_create', target: `access_link:${link.id}`, detail: { role: 'screen', roomId } });
        return link;
      });
      if (!made) return replyError(reply, 'not_found', 'No such room');
      const { token } = made;
      return reply.code(201).send(linkFor('screen', token, `${request.protocol}://${request.host}`));
    },
  );

  app.get(
    '/api/access-links',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Every leader and screen link ever made (without tokens)',
        tags: ['access'],
        security,
        response: { 200: z.object({ links: z.array(zRoomLinkSummary) }), 401: zHttpError, 403: zHttpError },
      },
    },
    async () => ({
      links: (await app.store.read((q) => app.accessLinks.list(q))).map((link) => ({ ...linkSummary(link), role: link.role, room: link.room })),
    }),
  );

  app.delete(
    '/api/access-links/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary:
          'Revokes a leader or screen link; its open connections are closed at once, and the remote stations a leader made or renewed with it get new join links',
        tags: ['access'],
        security,
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), 401: zHttpError, 403: zHttpError, 404: zHttpError },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const revoked = await app.store.write(async (q) => {
        if (!(await app.accessLinks.revoke(q, id, app.now()))) return false;
        await app.audit.add(q, { actor: 'admin', action: 'link_revoke', target: `access_link:${id}` });
        // So do the sign-up links it made.
        for (const signupLink of await app.signupLinks.revokeMadeBy(q, id, app.now())) {
          await app.audit.add(q, { actor: 'admin', action: 'link_revoke', target: `signup_link:${signupLink}` });
        }
        return true;
      });
      if (!revoked) return replyError(reply, 'not_found', 'No such active link');
      app.announce.linkRevoked(id);
      // The leader held those stations' links, made or renewed (they reach contacts): they must stop working.
      for (const station of await app.store.read((q) => app.stations.remoteLinkedTo(q, id))) await renewStationLink(app, station, 'admin');
      return reply.code(204).send(null);
    },
  );
};

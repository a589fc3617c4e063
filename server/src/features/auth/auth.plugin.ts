import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createAssociationLinks, type AssociationLinks } from './association-links.ts';
import { createAccessRepo, createAccessResolver, requireRole, type AccessRepo, type Role } from './access.ts';
import { createAdminCheck, ensureAdminToken } from './admin-token.ts';

type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Leader and screen links. */
    accessLinks: AccessRepo;
    /** Associations' links. */
    associationLinks: AssociationLinks;
    requireAdmin: AuthHook;
    /** onRequest hook: the bearer token must belong to one of these roles; sets `request.access`. */
    requireRole: (...roles: Role[]) => AuthHook;
    /** The admin token made at this first start, to be printed once; null otherwise. */
    generatedAdminToken: string | null;
  }
}

/** Who asks: the admin token and every link below it, resolved to one `Access`. */
export const authPlugin = fp(
  async (app) => {
    const { generated } = await ensureAdminToken(app.store, app.config.adminToken);
    const accessLinks = createAccessRepo();
    const associationLinks = createAssociationLinks();
    const roleCheck = requireRole(createAccessResolver(app.store, createAdminCheck(), accessLinks, associationLinks));
    app.decorate('accessLinks', accessLinks);
    app.decorate('associationLinks', associationLinks);
    app.decorate('requireAdmin', roleCheck('admin'));
    app.decorate('requireRole', roleCheck);
    app.decorate('generatedAdminToken', generated);
  },
  { name: 'auth', dependencies: ['database'] },
);

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';

/**
 * Whether the caller (the admin, or an association) acts for `associationId` and it exists. An
 * association asking about another is answered as about one that does not exist, as for lists.
 */
export async function actsForAssociation(app: FastifyInstance, request: FastifyRequest, associationId: number): Promise<boolean> {
  if (!can(accessOf(request, 'admin', 'association'), 'actForAssociation', { associationId })) return false;
  return app.store.read((q) => app.associations.exists(q, associationId));
}

import fp from 'fastify-plugin';
import { createAssociationsRepo, type AssociationsRepo } from './associations.repo.ts';
import { associationsRoutes } from './associations.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    associations: AssociationsRepo;
  }
}

/** Associations (one per municipality or city district): their links and what they own. */
export const associationsPlugin = fp(
  async (app) => {
    app.decorate('associations', createAssociationsRepo());
    await app.register(associationsRoutes);
  },
  { name: 'associations', dependencies: ['auth', 'audit'] },
);

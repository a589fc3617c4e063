import fp from 'fastify-plugin';
import { listReportsRoutes } from './list-reports.routes.ts';
import { listsRoutes } from './lists.routes.ts';

/** Call lists: made, renamed, deleted (through privacy's erasure), their progress and exports. */
export const listsPlugin = fp(
  async (app) => {
    const { privacy } = app;
    await app.register(listsRoutes({ eraseList: (listId, actor) => privacy.deleteList(listId, actor) }));
    await app.register(listReportsRoutes);
  },
  { name: 'lists', dependencies: ['privacy', 'auth', 'audit'] },
);

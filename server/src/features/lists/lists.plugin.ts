import fp from 'fastify-plugin';
import { listReportsRoutes } from './list-reports.routes.ts';
import { createListsRepo, type ListsRepo } from './lists.repo.ts';
import { listsRoutes } from './lists.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The call lists (built once: stations, the board and imports read them too). */
    lists: ListsRepo;
  }
}

/**
 * Call lists: made, renamed, deleted (through privacy's erasure), their progress and exports.
 * Registered before the features that read lists; privacy (which comes later, since it purges
 * what imports wrote) is looked up when a list is deleted, and checked once the app is ready.
 */
export const listsPlugin = fp(
  async (app) => {
    const lists = createListsRepo();
    app.decorate('lists', lists);
    await app.register(
      listsRoutes({
        lists,
        eraseList: (listId, actor) => app.privacy.deleteList(listId, actor),
        campaignForNew: (q, asked) => app.campaigns.campaignForNew(q, asked),
      }),
    );
    await app.register(listReportsRoutes(lists));
    app.addHook('onReady', async () => {
      if (!app.hasDecorator('privacy')) throw new Error('lists: no privacy plugin to delete lists with');
    });
  },
  { name: 'lists', dependencies: ['database', 'auth', 'audit', 'campaigns'] },
);

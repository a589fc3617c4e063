import fp from 'fastify-plugin';
import { createCampaignsRepo } from './campaigns.repo.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { CampaignsService } from './campaigns.service.ts';
import { createTemplateCopier } from './copy-template.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Campaigns, and which one a new list, session or shift joins. */
    campaigns: CampaignsService;
  }
}

/**
 * Campaigns (issue 15). Registered before the lists and sessions that ask which campaign a new one
 * joins; archiving uses the privacy purge, which is registered later and looked up when it runs.
 */
export const campaignsPlugin = fp(
  async (app) => {
    const repo = createCampaignsRepo();
    const copier = createTemplateCopier({
      timeZone: app.config.timeZone,
      sessions: {
        overlaps: (q, roomId, startsAt, endsAt) => app.sessions.repo.overlaps(q, roomId, startsAt, endsAt),
        insert: (q, ...session) => app.sessions.repo.insert(q, ...session),
      },
      now: app.now,
    });
    const campaigns = new CampaignsService({
      repo,
      store: app.store,
      auditLog: app.audit,
      now: app.now,
      // Sessions are registered after campaigns: their rules are looked up when a copy is made.
      copyTemplate: async (q, from, to) => ({ ...(await copier.copy(q, from, to)) }),
      purgeCampaign: (q, campaignId, now) => app.privacy.purgeCampaign(q, campaignId, now),
      afterArchive: (withdrawn) => app.privacy.afterPurge(withdrawn),
    });
    app.decorate('campaigns', campaigns);
    await app.register(campaignsRoutes(campaigns));
    app.addHook('onReady', async () => {
      if (!app.hasDecorator('privacy')) throw new Error('campaigns: no privacy plugin to archive with');
      if (!app.hasDecorator('sessions')) throw new Error('campaigns: no sessions plugin to copy sessions with');
    });
  },
  { name: 'campaigns', dependencies: ['database', 'auth', 'audit'] },
);

import fp from 'fastify-plugin';
import { auditRoutes } from './audit.routes.ts';
import { erasureRoutes } from './erasure.routes.ts';
import { PrivacyService } from './privacy.service.ts';
import { registerRoutes } from './register.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Erasure, the do-not-call register, the purge and the audit log. */
    privacy: PrivacyService;
  }
}

/** The do-not-call register, erasure, the purge and the audit log (a list's deletion is with the lists). */
export const privacyPlugin = fp(
  async (app) => {
    const { announce, erasureWatch } = app;
    const privacy = new PrivacyService({
      store: app.store,
      auditLog: app.audit,
      now: app.now,
      onErased: () => announce.erased(),
      onPersonErased: (q, phone) => erasureWatch.erased(q, phone),
      // The station drops the erased person at once (as when a lease is lost), and so does its paired phone.
      onWithdrawn: (withdrawn) => {
        for (const { stationId, assignmentId } of withdrawn) announce.contactWithdrawn(stationId, assignmentId);
      },
      warn: (error, message) => app.log.warn({ err: error }, message),
      // The purge takes the volunteers' contact details too: everyone's, or those who booked only the archived campaign.
      purgeAlso: async (q, scope, now) => ({ ...(await app.purgeVolunteers(q, scope === 'everything' ? null : scope.campaignId, now)) }),
    });
    app.decorate('privacy', privacy);
    await app.register(registerRoutes(privacy));
    await app.register(erasureRoutes(privacy));
    await app.register(auditRoutes(privacy.audit));
  },
  { name: 'privacy', dependencies: ['realtime', 'import', 'auth', 'audit', 'volunteers'] },
);

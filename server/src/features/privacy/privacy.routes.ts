import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { ErasureWatch } from '../import/erasure-watch.ts';
import { auditRoutes } from './audit.routes.ts';
import { erasureRoutes } from './erasure.routes.ts';
import { listAdminRoutes } from './list-admin.routes.ts';
import { PrivacyService } from './privacy.service.ts';
import { registerRoutes } from './register.routes.ts';

/** The do-not-call register, erasure, list deletion, the purge, the notes switch and the audit log. */
export const privacyRoutes =
  (writes: WriteBatcher, erasures: ErasureWatch): FastifyPluginAsyncZod =>
  async (app) => {
    const privacy = new PrivacyService({
      sqlite: app.db.$client,
      writes,
      now: app.now,
      onErased: () => app.announce.erased(),
      onPersonErased: (phone) => erasures.erased(phone),
      // The station drops the erased person at once (as when a lease is lost), and so does its paired phone.
      onWithdrawn: (withdrawn) => {
        for (const { stationId, assignmentId } of withdrawn) app.announce.contactWithdrawn(stationId, assignmentId);
      },
      warn: (error, message) => app.log.warn({ err: error }, message),
    });
    await app.register(registerRoutes(privacy));
    await app.register(erasureRoutes(privacy));
    await app.register(listAdminRoutes(privacy));
    await app.register(auditRoutes(privacy.audit));
  };

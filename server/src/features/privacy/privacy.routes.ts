import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { ErasureWatch } from '../import/erasure-watch.ts';
import { auditRoutes } from './audit.routes.ts';
import { erasureRoutes } from './erasure.routes.ts';
import { PrivacyService, type PrivacyDeps } from './privacy.service.ts';
import { registerRoutes } from './register.routes.ts';

/** The privacy service, telling stations and running imports what an erasure took away. */
export function createPrivacy(
  app: FastifyInstance,
  writes: WriteBatcher,
  erasures: ErasureWatch,
  purgeAlso?: PrivacyDeps['purgeAlso'],
): PrivacyService {
  return new PrivacyService({
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
    purgeAlso,
  });
}

/** The do-not-call register, erasure, the purge and the audit log (a list's deletion is with the lists). */
export const privacyRoutes =
  (privacy: PrivacyService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(registerRoutes(privacy));
    await app.register(erasureRoutes(privacy));
    await app.register(auditRoutes(privacy.audit));
  };

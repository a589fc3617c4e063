import fp from 'fastify-plugin';
import { createErasureWatch, type ErasureWatch } from './erasure-watch.ts';
import { importRoutes } from './import.routes.ts';
import { ImportService } from './import.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Tells running imports who was erased since they began, so nobody comes back. */
    erasureWatch: ErasureWatch;
  }
}

/** Importing an association's file (CSV or Excel, parsed in a worker) into one of its lists. */
export const importPlugin = fp(
  async (app) => {
    const erasureWatch = createErasureWatch(app.store, app.tokenKey);
    // Hashes of numbers erased during imports that are over (their node stopped): not kept.
    await erasureWatch.forgetIfIdle();
    const imports = new ImportService(app.store, app.audit, app.now, erasureWatch);
    // A first import the last run did not finish was never shown to stations: clear it.
    const interrupted = await imports.recoverInterrupted();
    if (interrupted.length > 0) app.log.warn({ lists: interrupted }, 'cleared imports interrupted by the last stop');
    app.decorate('erasureWatch', erasureWatch);
    await app.register(importRoutes(imports));
  },
  { name: 'import', dependencies: ['database', 'auth', 'audit'] },
);

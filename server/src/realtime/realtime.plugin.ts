import fp from 'fastify-plugin';
import { createAnnouncements, type Announcements } from './announce.ts';
import { createRealtime, type Realtime } from './realtime.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The namespaces' join checks and command handlers; features serve them, never emit on them. */
    realtime: Realtime;
    /** "After a write, tell X": the only way anything is pushed to a socket. */
    announce: Announcements;
  }
}

/** socket.io on the app's server, and the announcements that are its only senders. */
export const realtimePlugin = fp(
  async (app) => {
    const realtime = createRealtime(app.server);
    const announce = createAnnouncements(realtime, (error) => app.log.warn({ err: error }, 'an announcement failed to read what it pushes'));
    app.decorate('realtime', realtime);
    app.decorate('announce', announce);
    // Each feature provides what its announcements read; a missing one fails the start, not a push.
    app.addHook('onReady', async () => announce.assertComplete());
    // socket.io keeps connections open: close them, or app.close() waits forever. The database
    // plugin has already refused new writes; let the answers already written go out first.
    app.addHook('preClose', async () => {
      announce.stop();
      await new Promise((resolve) => setImmediate(resolve));
      realtime.dropConnections();
    });
    app.addHook('onClose', async () => {
      await realtime.close();
    });
  },
  { name: 'realtime', dependencies: ['database'] },
);

import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createAdapter } from '@socket.io/postgres-adapter';
import { createAdapterPool } from './adapter-pool.ts';
import { createAnnouncements, type Announcements } from './announce.ts';
import { clusterAnnouncements } from './cluster.ts';
import { createLeaderboardClock } from './leaderboard-clock.ts';
import { createSharedPresence } from './presence.ts';
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
    const warn = (error: unknown) => app.log.warn({ err: error }, 'an announcement failed to read what it pushes');
    const { realtime, announce, whenReady } = app.config.databaseUrl ? await severalNodes(app, app.config.databaseUrl) : oneProcess(app, warn);
    app.decorate('realtime', realtime);
    app.decorate('announce', announce);
    // Each feature provides what its announcements read; a missing one fails the start, not a push.
    // Only then may anything push (the leaderboard clock's holder reads the board at once).
    app.addHook('onReady', async () => {
      announce.assertComplete();
      whenReady?.();
    });
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

interface RealtimeParts {
  realtime: Realtime;
  announce: Announcements;
  /** What starts once every feature has provided the announcements' sources (the app is ready). */
  whenReady?: () => void;
}

/** SQLite: this process is the only node; everything stays in memory. */
function oneProcess(app: FastifyInstance, warn: (error: unknown) => void): RealtimeParts {
  const realtime = createRealtime(app.server);
  return { realtime, announce: createAnnouncements(realtime, warn) };
}

/**
 * PostgreSQL: several nodes may share the database. socket.io's PostgreSQL adapter (LISTEN/NOTIFY,
 * larger payloads through its table) carries announcements and the leaderboard between them, on
 * a pool of its own (one listening connection, one to notify) so pushes never wait behind writes;
 * presence is in the database; one node at a time holds the leaderboard clock.
 */
async function severalNodes(app: FastifyInstance, databaseUrl: string): Promise<RealtimeParts> {
  const warn = (what: string) => (error: unknown) => app.log.warn({ err: error }, what);
  const adapterPool = createAdapterPool(databaseUrl);
  // Set below, once the announcements exist; presence is written before they are made.
  let announce: Announcements | undefined;
  const presence = createSharedPresence(
    app.store,
    // Presence is written: boards and pair states elsewhere now read it right.
    ({ rooms, phoneStations }) => {
      for (const roomId of rooms) announce?.roomChanged(roomId);
      for (const stationId of phoneStations) announce?.pairingChanged(stationId);
    },
    warn('presence was not written'),
  );
  await presence.start();
  const realtime = createRealtime(app.server, {
    cluster: {
      adapter: createAdapter(adapterPool.pool, { errorHandler: warn('the socket.io adapter failed') }),
      presence,
      onError: warn('a leaderboard from another node was refused'),
    },
  });
  const clock = createLeaderboardClock(databaseUrl, presence.nodeId, {
    taken: () => announce?.leaderboardClockTaken(),
    onError: warn('the leaderboard clock lost its connection'),
  });
  const local = createAnnouncements(realtime, warn('an announcement failed to read what it pushes'), { leaderboardClock: clock });
  const cluster = clusterAnnouncements(local, realtime, warn('an announcement from another node failed'));
  announce = cluster.announce;
  // Connections closing as the node stops announce nothing more; what was announced before still goes.
  app.addHook('preClose', async () => {
    announce = undefined;
    cluster.flush();
  });
  // After io.close() (registered later, so run first): the node's rows go, the lock is released, the pool ends.
  app.addHook('onClose', async () => {
    await clock.stop();
    await presence.stop();
    await adapterPool.end();
  });
  // The clock starts once the features have provided the announcements' sources (onReady above).
  return { realtime, announce: cluster.announce, whenReady: () => void clock.start() };
}

import fp from 'fastify-plugin';
import { createLeaderboardRepo, type LeaderboardRepo } from './leaderboard.repo.ts';
import { leaderboardRoutes } from './leaderboard.routes.ts';
import { createStandingsRepo, type StandingsRepo } from './standings.repo.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The per-municipality leaderboard every station shows. */
    leaderboard: LeaderboardRepo;
    /** Standings by association, room and volunteer, for boards and screens. */
    standings: StandingsRepo;
  }
}

export const leaderboardPlugin = fp(
  async (app) => {
    const leaderboard = createLeaderboardRepo();
    app.decorate('leaderboard', leaderboard);
    app.decorate('standings', createStandingsRepo({ timeZone: app.config.timeZone }));
    app.announce.provide({ leaderboard: () => app.store.read((q) => leaderboard.leaderboard(q)) });
    await app.register(leaderboardRoutes);
  },
  { name: 'leaderboard', dependencies: ['realtime', 'auth', 'campaigns'] },
);

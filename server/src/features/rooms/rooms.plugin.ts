import fp from 'fastify-plugin';
import { linksRoutes } from './links.routes.ts';
import { createRoomsRepo, type RoomsRepo } from './rooms.repo.ts';
import { roomsRoutes } from './rooms.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomsRepo;
  }
}

/** Rooms (sites) and the leader and screen links for each. */
export const roomsPlugin = fp(
  async (app) => {
    app.decorate('rooms', createRoomsRepo());
    await app.register(roomsRoutes);
    await app.register(linksRoutes);
  },
  { name: 'rooms', dependencies: ['auth', 'audit', 'realtime', 'station-records'] },
);

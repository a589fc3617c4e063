import fp from 'fastify-plugin';
import { joinLimits } from '../auth/join-limiter.ts';
import { hashToken } from '../auth/tokens.ts';
import { remoteStationsRoutes } from './remote-stations.routes.ts';
import { createStationScope, type StationScope } from './station-scope.ts';
import { registerStationSocket } from './station.socket.ts';
import { stationsRepo, type StationsRepo } from './stations.repo.ts';
import { stationsRoutes } from './stations.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The stations table (rooms add stations, the board fixes them to lists); each query runs on a store `q`. */
    stations: StationsRepo;
    /** Fixes a station to a list or frees it: the leader's `station:scope` and the HTTP route alike. */
    stationScope: StationScope;
  }
}

/**
 * The stations' records and what changes them, registered before rooms and the board, which add
 * stations and fix them to lists (the station namespace, below, comes after them).
 */
export const stationRecordsPlugin = fp(
  async (app) => {
    app.decorate('stations', stationsRepo);
    app.decorate('stationScope', createStationScope({ store: app.store, lists: app.lists, audit: app.audit, announce: app.announce }));
  },
  { name: 'station-records', dependencies: ['database', 'lists', 'audit', 'realtime'] },
);

/**
 * The calling stations: fixed ones in a room and remote ones on a volunteer's own phone. The
 * station namespace composes calling, shifts, the board's room commands and pairing.
 */
export const stationsPlugin = fp(
  async (app) => {
    const { config, rooms, associations, leaderboard, stations, store } = app;
    registerStationSocket(app.realtime.stations, {
      calling: app.calling,
      shifts: app.shifts,
      room: app.roomCommands,
      phones: app.phones,
      store: app.store,
      publicUrl: config.publicUrl,
      checkin: (q, stationId, roomId, input, now) => app.attendance.checkin(q, stationId, roomId, input, now),
      findStation: (token) => store.read((q) => stations.byTokenHash(q, hashToken(token))),
      hello: async (station) => ({
        station: { id: station.id, number: station.number, name: station.name },
        ...(await app.store.read(async (q) => ({
          room: (await rooms.find(q, station.roomId)) ?? { id: station.roomId, name: '' },
          associations: await associations.names(q),
        }))),
        demo: config.demo,
        timeZone: config.timeZone,
        expected: await app.store.read((q) => app.attendance.expected(q, station.roomId, app.now())),
      }),
      leaderboard: () => app.store.read((q) => leaderboard.leaderboard(q)),
      announce: app.announce,
      now: app.now,
      log: app.log,
      ...joinLimits(config),
    });
    await app.register(stationsRoutes);
    await app.register(remoteStationsRoutes);
  },
  {
    name: 'stations',
    dependencies: ['station-records', 'calling', 'shifts', 'attendance', 'board', 'phone', 'rooms', 'associations', 'leaderboard'],
  },
);

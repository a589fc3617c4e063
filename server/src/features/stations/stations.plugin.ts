import fp from 'fastify-plugin';
import { joinLimits } from '../auth/join-limiter.ts';
import { hashToken } from '../auth/tokens.ts';
import { remoteStationsRoutes } from './remote-stations.routes.ts';
import { registerStationSocket } from './station.socket.ts';
import { findStationByTokenHash } from './stations.repo.ts';
import { stationsRoutes } from './stations.routes.ts';

/**
 * The calling stations: fixed ones in a room and remote ones on a volunteer's own phone. The
 * station namespace composes calling, shifts, the board's room commands and pairing.
 */
export const stationsPlugin = fp(
  async (app) => {
    const { db, config, rooms, associations, leaderboard } = app;
    registerStationSocket(app.realtime.stations, {
      calling: app.calling,
      shifts: app.shifts,
      room: app.roomCommands,
      phones: app.phones,
      writes: app.writes,
      publicUrl: config.publicUrl,
      checkin: (stationId, roomId, input, now) => app.attendance.checkin(stationId, roomId, input, now),
      findStation: (token) => findStationByTokenHash(db, hashToken(token)),
      hello: (station) => ({
        station: { id: station.id, number: station.number, name: station.name },
        room: rooms.find(station.roomId) ?? { id: station.roomId, name: '' },
        associations: associations.names(),
        demo: config.demo,
        timeZone: config.timeZone,
        expected: app.attendance.expected(station.roomId, app.now()),
      }),
      leaderboard: () => leaderboard.leaderboard(),
      announce: app.announce,
      now: app.now,
      log: app.log,
      ...joinLimits(config),
    });
    await app.register(stationsRoutes);
    await app.register(remoteStationsRoutes);
  },
  { name: 'stations', dependencies: ['calling', 'shifts', 'attendance', 'board', 'phone', 'rooms', 'associations', 'leaderboard'] },
);

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { StationHello } from '@ringstuga/shared';
import type { Config } from './config.ts';
import type { Db } from './db/open.ts';
import { openAppDatabase } from './db/open-app-database.ts';
import { WriteBatcher } from './db/write-batcher.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './errors.ts';
import { createAssociationLinks } from './features/associations/association-links.ts';
import { associationsRoutes } from './features/associations/associations.routes.ts';
import { createAccessRepo, createAccessResolver, requireRole, type AccessRepo, type Role } from './features/auth/access.ts';
import { ensureAdminToken, createAdminCheck } from './features/auth/admin-token.ts';
import { hashToken } from './features/auth/tokens.ts';
import { proxyTrust } from './features/auth/client-address.ts';
import { CallingService } from './features/calling/calling.service.ts';
import { registerStationSocket } from './features/stations/station.socket.ts';
import { registerPhoneSocket } from './features/phone/phone.socket.ts';
import { createPhones, type Phones } from './features/phone/phones.ts';
import { createStandingsRepo } from './features/leaderboard/standings.repo.ts';
import { createListBreakdown } from './features/lists/list-breakdown.ts';
import { createPaceRepo } from './features/board/pace.ts';
import { createRoomBoardRepo } from './features/board/room-board.repo.ts';
import { createRoomCommands } from './features/board/room-commands.ts';
import { createRoomState } from './features/board/room-state.ts';
import { registerRoomSockets } from './features/board/room.socket.ts';
import { linksRoutes } from './features/rooms/links.routes.ts';
import { createRoomsRepo, type RoomsRepo } from './features/rooms/rooms.repo.ts';
import { roomsRoutes } from './features/rooms/rooms.routes.ts';
import { startIdleSweep } from './features/shifts/idle-sweep.ts';
import { shiftsRoutes } from './features/shifts/shifts.routes.ts';
import { ShiftsService } from './features/shifts/shifts.service.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { listReportsRoutes } from './features/lists/list-reports.routes.ts';
import { createAuditLog, type AuditLog } from './features/audit/audit-log.ts';
import { importRoutes } from './features/import/import.routes.ts';
import { ImportService } from './features/import/import.service.ts';
import { createErasureWatch } from './features/import/erasure-watch.ts';
import { listsRoutes } from './features/lists/lists.routes.ts';
import { createPrivacy, privacyRoutes } from './features/privacy/privacy.routes.ts';
import { createLeaderboardRepo, type LeaderboardRepo } from './features/leaderboard/leaderboard.repo.ts';
import { leaderboardRoutes } from './features/leaderboard/leaderboard.routes.ts';
import { createAnnouncements, type Announcements } from './realtime/announce.ts';
import { findStationById, findStationByTokenHash } from './features/stations/stations.repo.ts';
import { remoteStationsRoutes } from './features/stations/remote-stations.routes.ts';
import { stationsRoutes } from './features/stations/stations.routes.ts';
import { sessionsPlugin } from './features/sessions/sessions.plugin.ts';
import { signupLinksPlugin } from './features/signup/signup-links.plugin.ts';
import { signupPlugin } from './features/signup/signup.plugin.ts';
import { pledgesPlugin } from './features/pledges/pledges.plugin.ts';
import { mePlugin } from './features/me/me.plugin.ts';
import { teamsPlugin } from './features/teams/teams.plugin.ts';
import { registerSecurity } from './plugins/security.ts';
import { CLIENT_DIST } from './paths.ts';
import { loggerOptions } from './logging/request-log.ts';
import { createRealtime, type Realtime } from './realtime/realtime.ts';
import { errorBody, replyError } from './http-errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    shifts: ShiftsService;
    phones: Phones;
    leaderboard: LeaderboardRepo;
    standings: ReturnType<typeof createStandingsRepo>;
    rooms: RoomsRepo;
    /** Group commit: every write that stations must see in order goes through it. */
    writes: WriteBatcher;
    /** "After a write, tell X": the only way anything is pushed to a socket. */
    announce: Announcements;
    /** Runs the idle check-out now (it also runs once a minute). */
    sweepIdleShifts: () => Promise<void>;
    accessLinks: AccessRepo;
    realtime: Realtime;
    audit: AuditLog;
    /** The app's clock (tests move it). */
    now: () => number;
    requireAdmin: AuthHook;
    /** onRequest hook: the bearer token must belong to one of these roles; sets `request.access`. */
    requireRole: (...roles: Role[]) => AuthHook;
    /** The admin token made at this first start, to be printed once; null otherwise. */
    generatedAdminToken: string | null;
  }
}

type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export interface AppOptions {
  /** The clock; tests move it to expire leases and cross calling hours. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
}

export { LEADERBOARD_PUSH_MS } from './realtime/announce.ts';
/** The list breakdown counts every contact (~65 ms for 100 k); the board reuses it for this long. */
const LIST_BREAKDOWN_MAX_AGE_MS = 30_000;

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const app = Fastify({
    // HTTPS when TLS_CERT/TLS_KEY are set (socket.io rides on the same server); plain HTTP otherwise.
    https: config.tls ?? null,
    // Logs carry no names, numbers, notes or tokens: requests are logged by their route pattern.
    logger: loggerOptions(options.logger, config.logLevel),
    // Only behind a proxy may X-Forwarded-For name the client (the failed-login limit counts per
    // address), and then only the entry that proxy appended: the client writes the others.
    trustProxy: proxyTrust(config.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = openAppDatabase(config, app.log);
  const { generated } = ensureAdminToken(db, config.adminToken);
  const realtime = createRealtime(app.server);
  const leaderboard = createLeaderboardRepo(db.$client);
  const calling = new CallingService(db.$client, {
    leaseMs: config.leaseMs,
    retryCooldownMs: config.retryCooldownMs,
    maxAttempts: config.maxAttempts,
    callingHours: config.callingHours,
    timeZone: config.timeZone,
    contactsPerMinute: config.stationContactsPerMinute,
  });
  const shifts = new ShiftsService(db.$client, calling);
  // Who viewed, imported, exported or erased what, and who changed who can reach what.
  const audit = createAuditLog(db.$client, now);
  const phones = createPhones({ sqlite: db.$client, realtime, calling, audit, now });
  const rooms = createRoomsRepo(db.$client);
  const accessLinks = createAccessRepo(db.$client);
  const associationLinks = createAssociationLinks(db.$client);
  const roleCheck = requireRole(createAccessResolver(createAdminCheck(db), accessLinks, associationLinks));
  const standings = createStandingsRepo(db.$client, { timeZone: config.timeZone });
  const commands = createRoomCommands(db.$client);
  const roomState = createRoomState({
    realtime,
    board: createRoomBoardRepo(db.$client, { paceFlags: (stationId, shiftId) => calling.paceFlags(stationId, shiftId, now()) }),
    pace: createPaceRepo(db.$client, { timeZone: config.timeZone }),
    standings,
    lists: createListBreakdown(db.$client, { maxAgeMs: LIST_BREAKDOWN_MAX_AGE_MS }),
    pausedHere: (roomId) => commands.pausedHere(roomId),
    now,
    timeZone: config.timeZone,
    idleAfterMs: config.roomIdleMs,
  });
  const announce = createAnnouncements(realtime, {
    leaderboard: () => leaderboard.leaderboard(),
    shiftOf: (stationId) => shifts.current(stationId),
    pairState: (stationId) => phones.state(stationId),
    validPairing: (stationId) => phones.validPairing(stationId),
    contactOf: (stationId) => phones.contactOf(stationId),
    roomState: (roomId) => roomState.roomState(roomId),
    screenState: (roomId) => roomState.screenState(roomId),
  });
  const associations = db.$client.prepare(
    `SELECT a.id, a.name, m.name AS municipality FROM associations a JOIN municipalities m ON m.code = a.municipality_code
     ORDER BY m.name, a.name`,
  );

  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('shifts', shifts);
  app.decorate('phones', phones);
  app.decorate('leaderboard', leaderboard);
  app.decorate('standings', standings);
  app.decorate('rooms', rooms);
  app.decorate('accessLinks', accessLinks);
  app.decorate('associationLinks', associationLinks);
  app.decorate('realtime', realtime);
  app.decorate('announce', announce);
  app.decorate('audit', audit);
  app.decorate('now', now);
  app.decorate('requireAdmin', roleCheck('admin'));
  app.decorate('requireRole', roleCheck);
  app.decorate('generatedAdminToken', generated);

  const writes = new WriteBatcher(db.$client);
  app.decorate('writes', writes);
  const erasures = createErasureWatch();
  const imports = new ImportService(db.$client, writes, audit, now, erasures);
  // A first import the last run did not finish was never shown to stations: clear it.
  const interrupted = imports.recoverInterrupted();
  if (interrupted.length > 0) app.log.warn({ lists: interrupted }, 'cleared imports interrupted by the last stop');
  const joinLimits = { failedJoinsPerMinute: config.authFailuresPerMinute, trust: proxyTrust(config.trustProxy) };
  registerStationSocket(realtime.stations, {
    calling,
    shifts,
    room: commands,
    phones,
    writes,
    publicUrl: config.publicUrl,
    findStation: (token) => findStationByTokenHash(db, hashToken(token)),
    hello: (station) => ({
      station: { id: station.id, number: station.number, name: station.name },
      room: rooms.find(station.roomId) ?? { id: station.roomId, name: '' },
      associations: associations.all() as StationHello['associations'],
      demo: config.demo,
      timeZone: config.timeZone,
    }),
    leaderboard: () => leaderboard.leaderboard(),
    announce,
    now,
    log: app.log,
    ...joinLimits,
  });
  registerPhoneSocket(realtime.phones, {
    announce,
    phones,
    calling,
    writes,
    roomOf: (stationId) => findStationById(db, stationId)?.roomId,
    now,
    log: app.log,
    ...joinLimits,
  });
  registerRoomSockets({ realtime, announce, links: accessLinks, commands, state: roomState, writes, audit, now, log: app.log, ...joinLimits });
  const idleSweep = startIdleSweep({ shifts, phones, writes, announce, now, idleMs: config.shiftIdleMs, log: app.log });
  app.decorate('sweepIdleShifts', idleSweep.sweep);

  // socket.io keeps connections open; close them first or app.close() waits forever.
  app.addHook('preClose', async () => {
    announce.stop();
    idleSweep.stop();
    // Commit what is queued, refuse what comes later, and let all those answers go out first.
    writes.close();
    await new Promise((resolve) => setImmediate(resolve));
    realtime.dropConnections();
  });
  app.addHook('onClose', async () => {
    await realtime.close();
    db.$client.close();
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return replyError(reply, 'invalid_request', error.message);
    }
    // A full, read-only or locked database is a passing condition, not a bug: say so, and retry later.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return replyError(reply, 'unavailable', DATABASE_UNAVAILABLE_MESSAGE);
    }
    const status = typeof error === 'object' && error && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'Internal server error' : error instanceof Error ? error.message : 'Bad request';
    // Fastify's own refusals (a body too large, a bad content type) keep their status.
    return reply.code(status).send(errorBody(status >= 500 ? 'internal' : 'bad_request', message));
  });

  await registerSecurity(app, { authFailuresPerMinute: config.authFailuresPerMinute, publicUrl: config.publicUrl });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Ringstuga API', version: '0.1.0', description: 'Phone-bank server: stations, calling, leaderboards.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(healthRoutes);
  await app.register(stationsRoutes);
  await app.register(remoteStationsRoutes);
  const privacy = createPrivacy(app, writes, erasures);
  await app.register(listsRoutes({ writes, eraseList: (listId, actor) => privacy.deleteList(listId, actor) }));
  await app.register(listReportsRoutes);
  await app.register(importRoutes(imports));
  await app.register(privacyRoutes(privacy));
  await app.register(associationsRoutes);
  await app.register(leaderboardRoutes);
  await app.register(roomsRoutes);
  await app.register(linksRoutes);
  await app.register(shiftsRoutes);
  await app.register(sessionsPlugin);
  await app.register(signupLinksPlugin);
  await app.register(signupPlugin);
  await app.register(pledgesPlugin);
  await app.register(mePlugin);
  await app.register(teamsPlugin);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerClient(app);
  return app;
}

/** Serves the built station client; any non-API path gets index.html so client routes work. */
async function registerClient(app: FastifyInstance): Promise<void> {
  const hasClient = existsSync(resolve(CLIENT_DIST, 'index.html'));
  if (hasClient) await app.register(fastifyStatic, { root: CLIENT_DIST, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return replyError(reply, 'not_found', 'No such route');
    }
    if (!hasClient) return reply.code(404).type('text/plain').send('The client is not built: run `npm run build`.');
    return reply.type('text/html').sendFile('index.html');
  });
}

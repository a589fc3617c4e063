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
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/open.ts';
import { WriteBatcher } from './db/write-batcher.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './errors.ts';
import { ensureAdminToken, createAdminCheck } from './features/auth/admin-token.ts';
import { requireAdmin } from './features/auth/require-admin.ts';
import { hashToken } from './features/auth/tokens.ts';
import { CallingService } from './features/calling/calling.service.ts';
import { registerStationSocket } from './features/calling/station.socket.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { listsRoutes } from './features/lists/lists.routes.ts';
import { createLeaderboardRepo, type LeaderboardRepo } from './features/leaderboard/leaderboard.repo.ts';
import { leaderboardRoutes } from './features/leaderboard/leaderboard.routes.ts';
import { createThrottle } from './features/leaderboard/throttle.ts';
import { findStationByTokenHash } from './features/stations/stations.repo.ts';
import { stationsRoutes } from './features/stations/stations.routes.ts';
import { registerSecurity } from './plugins/security.ts';
import { CLIENT_DIST } from './paths.ts';
import { createRealtime, type Realtime } from './realtime/realtime.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    calling: CallingService;
    leaderboard: LeaderboardRepo;
    realtime: Realtime;
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
    /** The admin token made at this first start, to be printed once; null otherwise. */
    generatedAdminToken: string | null;
  }
}

export interface AppOptions {
  /** The clock; tests move it to expire leases and cross calling hours. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
}

/** Leaderboard pushes at most this often, whatever the outcome rate. */
export const LEADERBOARD_PUSH_MS = 1000;

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // Logs carry no names, numbers, notes or tokens.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // Only behind a proxy may X-Forwarded-For name the client (the failed-login limit counts per address).
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = openDatabase(config.databasePath, { busyTimeoutMs: config.dbBusyTimeoutMs });
  const { generated } = ensureAdminToken(db, config.adminToken);
  const realtime = createRealtime(app.server);
  const leaderboard = createLeaderboardRepo(db.$client);
  const calling = new CallingService(db.$client, {
    leaseMs: config.leaseMs,
    retryCooldownMs: config.retryCooldownMs,
    maxAttempts: config.maxAttempts,
    callingHours: config.callingHours,
    timeZone: config.timeZone,
  });
  const leaderboardPush = createThrottle(() => realtime.broadcastLeaderboard(leaderboard.leaderboard()), LEADERBOARD_PUSH_MS);

  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('calling', calling);
  app.decorate('leaderboard', leaderboard);
  app.decorate('realtime', realtime);
  app.decorate('requireAdmin', requireAdmin(createAdminCheck(db)));
  app.decorate('generatedAdminToken', generated);

  const writes = new WriteBatcher(db.$client);
  registerStationSocket(realtime.stations, {
    calling,
    writes,
    findStation: (token) => findStationByTokenHash(db, hashToken(token)),
    leaderboard: () => leaderboard.leaderboard(),
    onOutcome: () => leaderboardPush.markDirty(),
    now,
    demo: config.demo,
    timeZone: config.timeZone,
    log: app.log,
    failedJoinsPerMinute: config.authFailuresPerMinute,
    trustProxy: config.trustProxy,
  });

  // socket.io keeps connections open; close them first or app.close() waits forever.
  app.addHook('preClose', async () => {
    leaderboardPush.cancel();
    // Commit what is queued, refuse what comes later, and let all those answers go out first.
    writes.close();
    await new Promise((resolve) => setImmediate(resolve));
    realtime.dropConnections();
  });
  app.addHook('onClose', async () => {
    await realtime.io.close();
    db.$client.close();
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: error.message } });
    }
    // A full, read-only or locked database is a passing condition, not a bug: say so, and retry later.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).send({ error: { code: 'unavailable', message: DATABASE_UNAVAILABLE_MESSAGE } });
    }
    const status = typeof error === 'object' && error && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'Internal server error' : error instanceof Error ? error.message : 'Bad request';
    return reply.code(status).send({ error: { code: status >= 500 ? 'internal' : 'bad_request', message } });
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
  await app.register(listsRoutes);
  await app.register(leaderboardRoutes);
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
      return reply.code(404).send({ error: { code: 'not_found', message: 'No such route' } });
    }
    if (!hasClient) return reply.code(404).type('text/plain').send('The client is not built: run `npm run build`.');
    return reply.type('text/html').sendFile('index.html');
  });
}

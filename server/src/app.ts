import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
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
import { databasePlugin } from './db/database.plugin.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './errors.ts';
import { attendancePlugin } from './features/attendance/attendance.plugin.ts';
import { associationsPlugin } from './features/associations/associations.plugin.ts';
import { auditPlugin } from './features/audit/audit.plugin.ts';
import { authPlugin } from './features/auth/auth.plugin.ts';
import { proxyTrust } from './features/auth/client-address.ts';
import { boardPlugin } from './features/board/board.plugin.ts';
import { changesPlugin } from './features/changes/changes.plugin.ts';
import { comparisonPlugin } from './features/comparison/comparison.plugin.ts';
import { callingPlugin } from './features/calling/calling.plugin.ts';
import { campaignsPlugin } from './features/campaigns/campaigns.plugin.ts';
import { healthPlugin } from './features/health/health.plugin.ts';
import { importPlugin } from './features/import/import.plugin.ts';
import { leaderboardPlugin } from './features/leaderboard/leaderboard.plugin.ts';
import { listsPlugin } from './features/lists/lists.plugin.ts';
import { mePlugin } from './features/me/me.plugin.ts';
import { mobilisationPlugin } from './features/mobilisation/mobilisation.plugin.ts';
import { pledgesPlugin } from './features/pledges/pledges.plugin.ts';
import { mailPlugin } from './features/mail/mail.plugin.ts';
import { phonePlugin } from './features/phone/phone.plugin.ts';
import { questionsPlugin } from './features/questions/questions.plugin.ts';
import { privacyPlugin } from './features/privacy/privacy.plugin.ts';
import { roomsPlugin } from './features/rooms/rooms.plugin.ts';
import { sessionsPlugin } from './features/sessions/sessions.plugin.ts';
import { shiftsPlugin } from './features/shifts/shifts.plugin.ts';
import { stationRecordsPlugin, stationsPlugin } from './features/stations/stations.plugin.ts';
import { signupLinksPlugin } from './features/signup/signup-links.plugin.ts';
import { signupPlugin } from './features/signup/signup.plugin.ts';
import { teamsPlugin } from './features/teams/teams.plugin.ts';
import { associationSessionsPlugin } from './features/teams/association-sessions.plugin.ts';
import { myOfferPlugin } from './features/me/my-offer.plugin.ts';
import { volunteersPlugin } from './features/volunteers/volunteers.plugin.ts';
import { errorBody, replyError } from './http-errors.ts';
import { loggerOptions } from './logging/request-log.ts';
import { CLIENT_DIST } from './paths.ts';
import { registerSecurity } from './plugins/security.ts';
import { realtimePlugin } from './realtime/realtime.plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The app's clock (tests move it). */
    now: () => number;
  }
}

export interface AppOptions {
  /** The clock; tests move it to expire leases and cross calling hours. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
}

export { LEADERBOARD_PUSH_MS } from './realtime/announce.ts';

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

  app.decorate('config', config);
  app.decorate('now', now);
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
    const message =
      status >= 500
        ? 'Internal server error'
        : status === 415
          ? `Unsupported content-type (${request.headers['content-type'] ?? 'none'}): send JSON as application/json, a file to an import as text/csv or an .xlsx workbook`
          : error instanceof Error
            ? error.message
            : 'Bad request';
    // A body beyond its route's limit (a file to import, mostly): a page says it in its own language.
    if (status === 413) return replyError(reply, 'too_large', message, { reason: 'request_too_large' });
    // Fastify's own refusals (a bad content type, a body of the wrong length) keep their status.
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
  // The product's parts, each a named plugin that declares what it needs.
  await app.register(databasePlugin);
  await app.register(realtimePlugin);
  await app.register(auditPlugin);
  await app.register(authPlugin);
  await app.register(healthPlugin);
  await app.register(campaignsPlugin);
  await app.register(listsPlugin);
  await app.register(callingPlugin);
  await app.register(questionsPlugin);
  await app.register(phonePlugin);
  await app.register(shiftsPlugin);
  await app.register(leaderboardPlugin);
  await app.register(associationsPlugin);
  await app.register(stationRecordsPlugin);
  await app.register(roomsPlugin);
  await app.register(boardPlugin);
  await app.register(attendancePlugin);
  await app.register(stationsPlugin);
  await app.register(importPlugin);
  await app.register(mailPlugin);
  // Filling the room: sessions, volunteers, sign-up, the personal page, teams and pledges.
  await app.register(sessionsPlugin);
  await app.register(volunteersPlugin);
  await app.register(privacyPlugin);
  await app.register(signupLinksPlugin);
  await app.register(signupPlugin);
  await app.register(changesPlugin);
  await app.register(pledgesPlugin);
  await app.register(mePlugin);
  await app.register(myOfferPlugin);
  await app.register(teamsPlugin);
  await app.register(associationSessionsPlugin);
  await app.register(mobilisationPlugin);
  // Campaigns over time.
  await app.register(comparisonPlugin);
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

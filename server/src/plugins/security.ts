import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTH_FAILURE_WINDOW_MS } from '../features/auth/join-limiter.ts';

/**
 * The content-security policy of the built station client: everything from this origin, no
 * inline script or style (Vite emits both as files), socket.io over ws:/wss:, and the empty
 * data: favicon. client/index.html carries the same policy in a meta tag, minus
 * frame-ancestors, which browsers only honour as a header.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  // The web app's manifest and its offline service worker, from this origin only.
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'worker-src': ["'self'"],
} as const;

export interface SecurityOptions {
  /** Failed logins (admin, leader or screen tokens) per address and window before that address gets 429 on every authenticated request. */
  authFailuresPerMinute: number;
  /** Where the room reaches the server; HSTS is sent only when this is https, since a LAN room may run plain HTTP. */
  publicUrl?: string;
}

const LOOPBACK_HOST = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether a browser counts the page's origin as trustworthy: HTTPS, or localhost. Only there does
 * it honour Cross-Origin-Opener-Policy; elsewhere (a room on plain HTTP) it ignores the header and
 * logs an error on every page, so the header is sent only where it does something.
 */
function trustworthyOrigin(request: FastifyRequest): boolean {
  return request.protocol === 'https' || LOOPBACK_HOST.test(request.hostname);
}

/** Security headers on every response, and a bound on admin token guessing. */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      // Helmet's defaults add upgrade-insecure-requests, which breaks a room served over plain HTTP.
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]])),
    },
    strictTransportSecurity: options.publicUrl?.startsWith('https://') ? { maxAge: 180 * 24 * 60 * 60 } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (trustworthyOrigin(request)) reply.header('cross-origin-opener-policy', 'same-origin');
  });

  // Only failures are counted, so the rate limiter is not global: it is read before and bumped after.
  await app.register(fastifyRateLimit, { global: false });
  const failedLogins = app.createRateLimit({
    max: options.authFailuresPerMinute,
    timeWindow: AUTH_FAILURE_WINDOW_MS,
    // A client that hangs up right after its headers has no address left (request.ip is then
    // undefined and the default key throws): count it under one shared key instead of failing.
    keyGenerator: (request) => (request.ip === undefined ? 'disconnected' : normalizeIP(request.ip)),
  });

  // Once an address has used up its failures, even the right token is refused until the window
  // ends: a correct guess must look like a wrong one, or the limit would not bound guessing.
  app.addHook('onRequest', async (request, reply) => {
    // A calendar feed carries its token in the query string (calendar apps send no headers).
    if (request.headers.authorization === undefined && (request.query as { token?: unknown } | undefined)?.token === undefined) return;
    const state = await failedLogins(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    return reply
      .code(429)
      .header('retry-after', String(state.ttlInSeconds))
      .send({
        error: {
          code: 'too_many_requests',
          message: `Too many failed logins from this address; try again in ${state.ttlInSeconds} s`,
          reason: 'too_many_failed_logins',
          params: { seconds: state.ttlInSeconds },
        },
      });
  });
  // onSend runs before the answer leaves, so a client waiting for each answer cannot outrun the count.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401) await failedLogins(request);
    return payload;
  });
}

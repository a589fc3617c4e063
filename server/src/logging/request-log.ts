import type { FastifyRequest, FastifyServerOptions } from 'fastify';

// What a request log line says about the request. Paths and query strings carry personal data
// (`/api/people/+4670…`, `/api/do-not-call/070…`, `?fileName=Anna Svensson.csv`), so a request is
// logged by its route pattern (`/api/people/:phone`), never by its URL, and without its query.

/** A request as the log shows it. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    // No route matched (a 404, a client page): the path is the caller's to fill, so it is not logged.
    route: request.routeOptions?.url ?? '(no route)',
    remoteAddress: request.ip,
  };
}

/** The server's logger: the request serializer above and no credentials, whatever level or stream is given. */
export function loggerOptions(given: FastifyServerOptions['logger'], level: string): FastifyServerOptions['logger'] {
  if (given === false) return false;
  return {
    level,
    ...(typeof given === 'object' && given !== null ? given : {}),
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: { req: requestForLog as (request: unknown) => Record<string, unknown> },
  };
}

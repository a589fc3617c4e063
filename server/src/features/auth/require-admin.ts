import type { FastifyReply, FastifyRequest } from 'fastify';

const BEARER = /^Bearer (\S{1,512})$/;

export function bearerToken(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/** preHandler for admin routes: 401 with nothing about the data unless the bearer token is the admin's. */
export function requireAdmin(isAdmin: (token: string) => boolean) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request);
    if (!token || !isAdmin(token)) {
      return reply.code(401).send({ error: { code: 'unauthorized', message: 'A valid admin token is required' } });
    }
  };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyError } from '../../http-errors.ts';
import { bearerToken } from '../auth/access.ts';

/**
 * An onRequest hook for a route opened by a link of its own (a sign-up, team or personal link):
 * `resolve` names whose the token is (a store read). Any other token goes to the ordinary role check, so a wrong
 * token answers 401 (and counts toward the failed-login limit like every other) and another
 * role's valid token 403, as everywhere else. `fromQuery` also reads `?token=` (a calendar feed:
 * calendar apps cannot send headers).
 */
export function linkAuth<T extends object>(
  app: FastifyInstance,
  resolve: (token: string) => Promise<T | undefined>,
  options: { needs: string; fromQuery?: boolean },
) {
  const granted = new WeakMap<FastifyRequest, T>();
  const anyOtherRole = app.requireRole('admin', 'leader', 'screen', 'association');
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request) ?? (options.fromQuery ? queryToken(request) : undefined);
    const holder = token === undefined ? undefined : await resolve(token);
    if (holder !== undefined) {
      granted.set(request, holder);
      return;
    }
    // No one's token: answered 401 there. Another role's: not the link this route needs. (Asked of
    // the reply, not of the hook's answer: a reply is a thenable, and awaiting it yields undefined.)
    await anyOtherRole(request, reply);
    if (reply.sent) return reply;
    return replyError(reply, 'forbidden', `This needs ${options.needs}`);
  };
  /** Who the route's hook let in; throws (a 500) if the route has no such hook. */
  const holderOf = (request: FastifyRequest): T => {
    const holder = granted.get(request);
    if (!holder) throw new Error('route reached without its link check');
    return holder;
  };
  return { hook, holderOf };
}

const TOKEN = /^\S{1,512}$/;

function queryToken(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof value === 'string' && TOKEN.test(value) ? value : undefined;
}

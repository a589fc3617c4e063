import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/open.ts';
import { accessTokens, rooms } from '../../db/schema.ts';
import { hashToken, newSecret } from './tokens.ts';
import { replyError } from '../../http-errors.ts';

const BEARER = /^Bearer (\S{1,512})$/;

export function bearerToken(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

export type LinkRole = 'leader' | 'screen';

/**
 * Who a token belongs to. A leader steers one room; a screen only shows one room's figures; an
 * association sees its own lists and nothing else.
 */
export type Access =
  | { role: 'admin' }
  | { role: LinkRole; roomId: number; linkId: number }
  | { role: 'association'; associationId: number; linkId: number };
export type Role = Access['role'];

declare module 'fastify' {
  interface FastifyRequest {
    access?: Access;
  }
}

/** Access links below admin, stored as hashes; the plain token is shown once, when made. */
export function createAccessRepo(db: Db) {
  const byHash = (token: string) => eq(accessTokens.tokenHash, hashToken(token));
  const insert = (role: LinkRole, token: string, roomId: number, label: string | null, now: number) =>
    db.insert(accessTokens).values({ role, tokenHash: hashToken(token), roomId, label, createdAt: now }).returning({ id: accessTokens.id }).get().id;
  return {
    find(token: string): Extract<Access, { role: LinkRole }> | undefined {
      const row = db
        .select({ linkId: accessTokens.id, role: accessTokens.role, roomId: accessTokens.roomId })
        .from(accessTokens)
        .where(and(byHash(token), isNull(accessTokens.revokedAt)))
        .get();
      return row && { role: row.role, roomId: row.roomId, linkId: row.linkId };
    },
    create(role: LinkRole, roomId: number, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      return { id: insert(role, token, roomId, label ?? null, now), token };
    },
    /**
     * Stores a link for a token made elsewhere (the demo's derived links) unless it exists; false if
     * it was revoked (it stays revoked).
     */
    ensure(role: LinkRole, token: string, roomId: number, label: string, now: number): boolean {
      const known = db.select({ revokedAt: accessTokens.revokedAt }).from(accessTokens).where(byHash(token)).get();
      if (!known) insert(role, token, roomId, label, now);
      return known?.revokedAt == null;
    },
    list: () =>
      db
        .select({
          id: accessTokens.id,
          role: accessTokens.role,
          room: { id: rooms.id, name: rooms.name },
          label: accessTokens.label,
          createdAt: accessTokens.createdAt,
          revokedAt: accessTokens.revokedAt,
        })
        .from(accessTokens)
        .innerJoin(rooms, eq(rooms.id, accessTokens.roomId))
        .orderBy(asc(accessTokens.id))
        .all(),
    revoke: (id: number, now: number) =>
      db.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.id, id), isNull(accessTokens.revokedAt))).run().changes === 1,
  };
}

export type AccessRepo = ReturnType<typeof createAccessRepo>;

/** Any link repository that can tell whose a token is. */
interface TokenLookup {
  find(token: string): Access | undefined;
}

export function createAccessResolver(isAdmin: (token: string) => boolean, ...links: TokenLookup[]) {
  return (token: string): Access | undefined => {
    if (isAdmin(token)) return { role: 'admin' };
    for (const repo of links) {
      const access = repo.find(token);
      if (access) return access;
    }
    return undefined;
  };
}

/**
 * onRequest hook factory (before the body is read or validated): 401 without a valid token (counted by the failed-login limit), 403 when the
 * token is valid but its role may not use this route. The caller's access is on `request.access`.
 */
export function requireRole(resolve: (token: string) => Access | undefined) {
  return (...roles: Role[]) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const token = bearerToken(request);
      const access = token ? resolve(token) : undefined;
      if (!access) {
        return replyError(reply, 'unauthorized', 'A valid access token is required');
      }
      if (!roles.includes(access.role)) {
        return replyError(reply, 'forbidden', `This needs one of: ${roles.join(', ')}`);
      }
      request.access = access;
    };
}

/**
 * The caller's access in a handler whose route let only `roles` in, typed as one of them. Throws
 * (a 500) if the route's `requireRole` and this list disagree, rather than widening what a role may do.
 */
export function accessOf<R extends Role>(request: FastifyRequest, ...roles: R[]): Access & { role: R } {
  const access = request.access;
  if (!access || !(roles as Role[]).includes(access.role)) throw new Error(`route reached without a ${roles.join(' or ')} check`);
  return access as Access & { role: R };
}

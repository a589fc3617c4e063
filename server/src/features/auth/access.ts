import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { first, type Store, type Tx } from '../../db/store/store.ts';
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

/** Access links below admin, stored as hashes; the plain token is shown once, when made. Each runs on a store `q`. */
export function createAccessRepo() {
  const byHash = (token: string) => eq(accessTokens.tokenHash, hashToken(token));
  const insert = async (q: Tx, role: LinkRole, token: string, roomId: number, label: string | null, now: number) =>
    (await q.db.insert(accessTokens).values({ role, tokenHash: hashToken(token), roomId, label, createdAt: now }).returning({ id: accessTokens.id }))[0]!.id;
  return {
    async find(q: Tx, token: string): Promise<Extract<Access, { role: LinkRole }> | undefined> {
      const row = first(
        await q.db
          .select({ linkId: accessTokens.id, role: accessTokens.role, roomId: accessTokens.roomId })
          .from(accessTokens)
          .where(and(byHash(token), isNull(accessTokens.revokedAt))),
      );
      return row && { role: row.role, roomId: row.roomId, linkId: row.linkId };
    },
    async create(q: Tx, role: LinkRole, roomId: number, label: string | undefined, now: number): Promise<{ id: number; token: string }> {
      const token = newSecret();
      return { id: await insert(q, role, token, roomId, label ?? null, now), token };
    },
    /**
     * Stores a link for a token made elsewhere (the demo's derived links) unless it exists; false if
     * it was revoked (it stays revoked).
     */
    async ensure(q: Tx, role: LinkRole, token: string, roomId: number, label: string, now: number): Promise<boolean> {
      const known = first(await q.db.select({ revokedAt: accessTokens.revokedAt }).from(accessTokens).where(byHash(token)));
      if (!known) await insert(q, role, token, roomId, label, now);
      return known?.revokedAt == null;
    },
    list: (q: Tx) =>
      q.db
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
        .orderBy(asc(accessTokens.id)),
    revoke: async (q: Tx, id: number, now: number) =>
      (await q.run(q.db.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.id, id), isNull(accessTokens.revokedAt))))) === 1,
  };
}

export type AccessRepo = ReturnType<typeof createAccessRepo>;

/** Any link repository that can tell whose a token is. */
interface TokenLookup {
  find(q: Tx, token: string): Promise<Access | undefined>;
}

/** Whose a token is: the admin's, or one link's (one store read). */
export function createAccessResolver(store: Store, isAdmin: (q: Tx, token: string) => Promise<boolean>, ...links: TokenLookup[]) {
  return (token: string): Promise<Access | undefined> =>
    store.read(async (q) => {
      if (await isAdmin(q, token)) return { role: 'admin' };
      for (const repo of links) {
        const access = await repo.find(q, token);
        if (access) return access;
      }
      return undefined;
    });
}

/**
 * onRequest hook factory (before the body is read or validated): 401 without a valid token (counted by the failed-login limit), 403 when the
 * token is valid but its role may not use this route. The caller's access is on `request.access`.
 */
export function requireRole(resolve: (token: string) => Promise<Access | undefined>) {
  return (...roles: Role[]) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const token = bearerToken(request);
      const access = token ? await resolve(token) : undefined;
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

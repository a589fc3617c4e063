import type { Database } from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
export function createAccessRepo(sqlite: Database) {
  const find = sqlite.prepare(
    'SELECT id, role, room_id FROM access_tokens WHERE token_hash = ? AND revoked_at IS NULL',
  );
  const insert = sqlite.prepare(
    'INSERT INTO access_tokens (role, token_hash, room_id, label, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const list = sqlite.prepare(
    `SELECT t.id, t.role, t.room_id, r.name AS room_name, t.label, t.created_at, t.revoked_at
     FROM access_tokens t JOIN rooms r ON r.id = t.room_id ORDER BY t.id`,
  );
  const anyState = sqlite.prepare('SELECT revoked_at FROM access_tokens WHERE token_hash = ?');
  const revoke = sqlite.prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    find(token: string): Extract<Access, { role: LinkRole }> | undefined {
      const row = find.get(hashToken(token)) as { id: number; role: LinkRole; room_id: number } | undefined;
      return row && { role: row.role, roomId: row.room_id, linkId: row.id };
    },
    create(role: LinkRole, roomId: number, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      const id = Number(insert.run(role, hashToken(token), roomId, label ?? null, now).lastInsertRowid);
      return { id, token };
    },
    /**
     * Stores a link for a token made elsewhere (the demo's derived links) unless it exists; false if
     * it was revoked (it stays revoked).
     */
    ensure(role: LinkRole, token: string, roomId: number, label: string, now: number): boolean {
      const known = anyState.get(hashToken(token)) as { revoked_at: number | null } | undefined;
      if (!known) insert.run(role, hashToken(token), roomId, label, now);
      return known?.revoked_at == null;
    },
    list: () =>
      list.all() as {
        id: number;
        role: LinkRole;
        room_id: number;
        room_name: string;
        label: string | null;
        created_at: number;
        revoked_at: number | null;
      }[],
    revoke: (id: number, now: number) => revoke.run(now, id).changes === 1,
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

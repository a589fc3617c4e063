import type { Database } from 'better-sqlite3';
import { hashToken, newSecret } from '../auth/tokens.ts';

export interface SignupLinkRow {
  id: number;
  roomId: number | null;
  label: string | null;
  createdAt: number;
  revokedAt: number | null;
}

/** Sign-up links (`/signup#token=…`), stored as hashes; the plain token is shown once, when made. */
export function createSignupLinksRepo(sqlite: Database) {
  const insert = sqlite.prepare('INSERT INTO signup_links (token_hash, room_id, created_by, label, created_at) VALUES (?, ?, ?, ?, ?)');
  const find = sqlite.prepare('SELECT id, room_id AS roomId FROM signup_links WHERE token_hash = ? AND revoked_at IS NULL');
  const list = sqlite.prepare(
    'SELECT id, room_id AS roomId, label, created_at AS createdAt, revoked_at AS revokedAt FROM signup_links ORDER BY id',
  );
  const byId = sqlite.prepare('SELECT id, room_id AS roomId FROM signup_links WHERE id = ?');
  const revoke = sqlite.prepare('UPDATE signup_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    create(roomId: number | null, createdBy: string, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      return { id: Number(insert.run(hashToken(token), roomId, createdBy, label ?? null, now).lastInsertRowid), token };
    },
    find: (token: string) => find.get(hashToken(token)) as { id: number; roomId: number | null } | undefined,
    list: () => list.all() as SignupLinkRow[],
    byId: (id: number) => byId.get(id) as { id: number; roomId: number | null } | undefined,
    revoke: (id: number, now: number) => revoke.run(now, id).changes === 1,
  };
}

export type SignupLinksRepo = ReturnType<typeof createSignupLinksRepo>;

/** Revokes the sign-up links a leader link made: a revoked leader must leave no working link behind. Returns their ids. */
export function revokeSignupLinksMadeBy(sqlite: Database, leaderLinkId: number, now: number): number[] {
  const rows = sqlite
    .prepare('UPDATE signup_links SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL RETURNING id')
    .all(now, `leader:${leaderLinkId}`) as { id: number }[];
  return rows.map((row) => row.id);
}

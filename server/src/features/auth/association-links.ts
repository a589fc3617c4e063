import type { Database } from 'better-sqlite3';
import type { Access } from './access.ts';
import { hashToken, newSecret } from './tokens.ts';

export type AssociationAccess = Extract<Access, { role: 'association' }>;

/** Associations' access links, stored as hashes like the leader links; the plain token is shown once, when made. */
export function createAssociationLinks(sqlite: Database) {
  const find = sqlite.prepare('SELECT id, association_id FROM association_tokens WHERE token_hash = ? AND revoked_at IS NULL');
  const insert = sqlite.prepare(
    'INSERT INTO association_tokens (association_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)',
  );
  const revoke = sqlite.prepare(
    'UPDATE association_tokens SET revoked_at = ? WHERE id = ? AND association_id = ? AND revoked_at IS NULL',
  );
  const list = sqlite.prepare(
    'SELECT id, label, created_at, revoked_at FROM association_tokens WHERE association_id = ? ORDER BY id',
  );
  const anyState = sqlite.prepare('SELECT revoked_at FROM association_tokens WHERE token_hash = ?');
  return {
    find(token: string): AssociationAccess | undefined {
      const row = find.get(hashToken(token)) as { id: number; association_id: number } | undefined;
      return row && { role: 'association', associationId: row.association_id, linkId: row.id };
    },
    create(associationId: number, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      const id = Number(insert.run(associationId, hashToken(token), label ?? null, now).lastInsertRowid);
      return { id, token };
    },
    /** Revokes link `id` of association `associationId`; false if there is no such active link. */
    revoke: (associationId: number, id: number, now: number) => revoke.run(now, id, associationId).changes === 1,
    list: (associationId: number) =>
      list.all(associationId) as { id: number; label: string | null; created_at: number; revoked_at: number | null }[],
    /** Stores a link for a token made elsewhere (the demo's derived link) unless it exists; false if it was revoked. */
    ensure(associationId: number, token: string, label: string, now: number): boolean {
      const known = anyState.get(hashToken(token)) as { revoked_at: number | null } | undefined;
      if (!known) insert.run(associationId, hashToken(token), label, now);
      return known?.revoked_at == null;
    },
  };
}

export type AssociationLinks = ReturnType<typeof createAssociationLinks>;

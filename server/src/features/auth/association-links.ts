import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { associationTokens } from '../../db/schema.ts';
import type { Access } from './access.ts';
import { hashToken, newSecret } from './tokens.ts';

export type AssociationAccess = Extract<Access, { role: 'association' }>;

/** Associations' access links, stored as hashes like the leader links; the plain token is shown once, when made. */
export function createAssociationLinks(db: Db) {
  const byHash = (token: string) => eq(associationTokens.tokenHash, hashToken(token));
  const insert = (associationId: number, token: string, label: string | null, now: number) =>
    db
      .insert(associationTokens)
      .values({ associationId, tokenHash: hashToken(token), label, createdAt: now })
      .returning({ id: associationTokens.id })
      .get().id;
  return {
    find(token: string): AssociationAccess | undefined {
      const row = db
        .select({ linkId: associationTokens.id, associationId: associationTokens.associationId })
        .from(associationTokens)
        .where(and(byHash(token), isNull(associationTokens.revokedAt)))
        .get();
      return row && { role: 'association', ...row };
    },
    create(associationId: number, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      return { id: insert(associationId, token, label ?? null, now), token };
    },
    /** Revokes link `id` of association `associationId`; false if there is no such active link. */
    revoke: (associationId: number, id: number, now: number) =>
      db
        .update(associationTokens)
        .set({ revokedAt: now })
        .where(and(eq(associationTokens.id, id), eq(associationTokens.associationId, associationId), isNull(associationTokens.revokedAt)))
        .run().changes === 1,
    list: (associationId: number) =>
      db
        .select({ id: associationTokens.id, label: associationTokens.label, createdAt: associationTokens.createdAt, revokedAt: associationTokens.revokedAt })
        .from(associationTokens)
        .where(eq(associationTokens.associationId, associationId))
        .orderBy(asc(associationTokens.id))
        .all(),
    /** Stores a link for a token made elsewhere (the demo's derived link) unless it exists; false if it was revoked. */
    ensure(associationId: number, token: string, label: string, now: number): boolean {
      const known = db.select({ revokedAt: associationTokens.revokedAt }).from(associationTokens).where(byHash(token)).get();
      if (!known) insert(associationId, token, label, now);
      return known?.revokedAt == null;
    },
  };
}

export type AssociationLinks = ReturnType<typeof createAssociationLinks>;

import { and, asc, eq, isNull } from 'drizzle-orm';
import { first, type Tx } from '../../db/store/store.ts';
import { associationTokens } from '../../db/schema.ts';
import type { Access } from './access.ts';
import { hashToken, newSecret } from './tokens.ts';

export type AssociationAccess = Extract<Access, { role: 'association' }>;

/** Associations' access links, stored as hashes like the leader links; the plain token is shown once, when made. */
export function createAssociationLinks() {
  const byHash = (token: string) => eq(associationTokens.tokenHash, hashToken(token));
  const insert = async (q: Tx, associationId: number, token: string, label: string | null, now: number) =>
    (
      await q.db
        .insert(associationTokens)
        .values({ associationId, tokenHash: hashToken(token), label, createdAt: now })
        .returning({ id: associationTokens.id })
    )[0]!.id;
  return {
    async find(q: Tx, token: string): Promise<AssociationAccess | undefined> {
      const row = first(
        await q.db
          .select({ linkId: associationTokens.id, associationId: associationTokens.associationId })
          .from(associationTokens)
          .where(and(byHash(token), isNull(associationTokens.revokedAt))),
      );
      return row && { role: 'association', ...row };
    },
    async create(q: Tx, associationId: number, label: string | undefined, now: number): Promise<{ id: number; token: string }> {
      const token = newSecret();
      return { id: await insert(q, associationId, token, label ?? null, now), token };
    },
    /** Revokes link `id` of association `associationId`; false if there is no such active link. */
    revoke: async (q: Tx, associationId: number, id: number, now: number) =>
      (await q.run(
        q.db
          .update(associationTokens)
          .set({ revokedAt: now })
          .where(and(eq(associationTokens.id, id), eq(associationTokens.associationId, associationId), isNull(associationTokens.revokedAt))),
      )) === 1,
    list: (q: Tx, associationId: number) =>
      q.db
        .select({ id: associationTokens.id, label: associationTokens.label, createdAt: associationTokens.createdAt, revokedAt: associationTokens.revokedAt })
        .from(associationTokens)
        .where(eq(associationTokens.associationId, associationId))
        .orderBy(asc(associationTokens.id)),
    /** Stores a link for a token made elsewhere (the demo's derived link) unless it exists; false if it was revoked. */
    async ensure(q: Tx, associationId: number, token: string, label: string, now: number): Promise<boolean> {
      const known = first(await q.db.select({ revokedAt: associationTokens.revokedAt }).from(associationTokens).where(byHash(token)));
      if (!known) await insert(q, associationId, token, label, now);
      return known?.revokedAt == null;
    },
  };
}

export type AssociationLinks = ReturnType<typeof createAssociationLinks>;

import { and, asc, eq, isNull } from 'drizzle-orm';
import { signupLinks } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';

const LISTED = { id: signupLinks.id, roomId: signupLinks.roomId, label: signupLinks.label, createdAt: signupLinks.createdAt, revokedAt: signupLinks.revokedAt };
export type SignupLinkRow = Pick<typeof signupLinks.$inferSelect, keyof typeof LISTED>;
type SignupLinkScope = Pick<SignupLinkRow, 'id' | 'roomId'>;
const SCOPE = { id: signupLinks.id, roomId: signupLinks.roomId };

/** Sign-up links (`/signup#token=…`), stored as hashes; the plain token is shown once, when made. Each runs in the caller's store work. */
export function createSignupLinksRepo() {
  return {
    async create(q: Tx, roomId: number | null, createdBy: string, label: string | undefined, now: number): Promise<{ id: number; token: string }> {
      const token = newSecret();
      const [row] = await q.db
        .insert(signupLinks)
        .values({ tokenHash: hashToken(token), roomId, createdBy, label: label ?? null, createdAt: now })
        .returning({ id: signupLinks.id });
      return { id: row!.id, token };
    },
    find: async (q: Tx, token: string): Promise<SignupLinkScope | undefined> =>
      first(await q.db.select(SCOPE).from(signupLinks).where(and(eq(signupLinks.tokenHash, hashToken(token)), isNull(signupLinks.revokedAt)))),
    list: (q: Tx): Promise<SignupLinkRow[]> => q.db.select(LISTED).from(signupLinks).orderBy(asc(signupLinks.id)),
    byId: async (q: Tx, id: number): Promise<SignupLinkScope | undefined> => first(await q.db.select(SCOPE).from(signupLinks).where(eq(signupLinks.id, id))),
    revoke: async (q: Tx, id: number, now: number) =>
      (await q.run(q.db.update(signupLinks).set({ revokedAt: now }).where(and(eq(signupLinks.id, id), isNull(signupLinks.revokedAt))))) === 1,
    /** Revokes the sign-up links a leader link made: a revoked leader must leave no working link behind. Returns their ids. */
    revokeMadeBy: async (q: Tx, leaderLinkId: number, now: number): Promise<number[]> =>
      (
        await q.db
          .update(signupLinks)
          .set({ revokedAt: now })
          .where(and(eq(signupLinks.createdBy, `leader:${leaderLinkId}`), isNull(signupLinks.revokedAt)))
          .returning({ id: signupLinks.id })
      ).map((row) => row.id),
    /**
     * Stores a link for a token made elsewhere (the demo's derived one) unless it exists, as the
     * leader and screen links are ensured; false if it was revoked (it stays revoked).
     */
    async ensure(q: Tx, link: { token: string; roomId: number | null; createdBy: string; label: string }, now: number): Promise<boolean> {
      const tokenHash = hashToken(link.token);
      const known = first(await q.db.select({ revokedAt: signupLinks.revokedAt }).from(signupLinks).where(eq(signupLinks.tokenHash, tokenHash)));
      if (!known) await q.db.insert(signupLinks).values({ tokenHash, roomId: link.roomId, createdBy: link.createdBy, label: link.label, createdAt: now });
      return known?.revokedAt == null;
    },
  };
}

export type SignupLinksRepo = ReturnType<typeof createSignupLinksRepo>;

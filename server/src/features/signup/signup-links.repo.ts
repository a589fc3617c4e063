import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { signupLinks } from '../../db/schema.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';

const LISTED = { id: signupLinks.id, roomId: signupLinks.roomId, label: signupLinks.label, createdAt: signupLinks.createdAt, revokedAt: signupLinks.revokedAt };
export type SignupLinkRow = Pick<typeof signupLinks.$inferSelect, keyof typeof LISTED>;
type SignupLinkScope = Pick<SignupLinkRow, 'id' | 'roomId'>;
const SCOPE = { id: signupLinks.id, roomId: signupLinks.roomId };

/** Sign-up links (`/signup#token=…`), stored as hashes; the plain token is shown once, when made. */
export function createSignupLinksRepo(db: Db) {
  return {
    create(roomId: number | null, createdBy: string, label: string | undefined, now: number): { id: number; token: string } {
      const token = newSecret();
      const { id } = db
        .insert(signupLinks)
        .values({ tokenHash: hashToken(token), roomId, createdBy, label: label ?? null, createdAt: now })
        .returning({ id: signupLinks.id })
        .get();
      return { id, token };
    },
    find: (token: string): SignupLinkScope | undefined =>
      db.select(SCOPE).from(signupLinks).where(and(eq(signupLinks.tokenHash, hashToken(token)), isNull(signupLinks.revokedAt))).get(),
    list: (): SignupLinkRow[] => db.select(LISTED).from(signupLinks).orderBy(asc(signupLinks.id)).all(),
    byId: (id: number): SignupLinkScope | undefined => db.select(SCOPE).from(signupLinks).where(eq(signupLinks.id, id)).get(),
    revoke: (id: number, now: number) =>
      db.update(signupLinks).set({ revokedAt: now }).where(and(eq(signupLinks.id, id), isNull(signupLinks.revokedAt))).run().changes === 1,
    /** Revokes the sign-up links a leader link made: a revoked leader must leave no working link behind. Returns their ids. */
    revokeMadeBy: (leaderLinkId: number, now: number): number[] =>
      db
        .update(signupLinks)
        .set({ revokedAt: now })
        .where(and(eq(signupLinks.createdBy, `leader:${leaderLinkId}`), isNull(signupLinks.revokedAt)))
        .returning({ id: signupLinks.id })
        .all()
        .map((row) => row.id),
    /**
     * Stores a link for a token made elsewhere (the demo's derived one) unless it exists, as the
     * leader and screen links are ensured; false if it was revoked (it stays revoked).
     */
    ensure(link: { token: string; roomId: number | null; createdBy: string; label: string }, now: number): boolean {
      const tokenHash = hashToken(link.token);
      const known = db.select({ revokedAt: signupLinks.revokedAt }).from(signupLinks).where(eq(signupLinks.tokenHash, tokenHash)).get();
      if (!known) db.insert(signupLinks).values({ tokenHash, roomId: link.roomId, createdBy: link.createdBy, label: link.label, createdAt: now }).run();
      return known?.revokedAt == null;
    },
  };
}

export type SignupLinksRepo = ReturnType<typeof createSignupLinksRepo>;

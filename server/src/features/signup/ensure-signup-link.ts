import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { signupLinks } from '../../db/schema.ts';
import { hashToken } from '../auth/tokens.ts';

/**
 * Stores a sign-up link for a token made elsewhere (the demo's derived one) unless it exists, as
 * the leader and screen links are ensured; false if it was revoked (it stays revoked).
 */
export function ensureSignupLink(db: Db, link: { token: string; roomId: number; createdBy: string; label: string }, now: number): boolean {
  const tokenHash = hashToken(link.token);
  const known = db.select({ revokedAt: signupLinks.revokedAt }).from(signupLinks).where(eq(signupLinks.tokenHash, tokenHash)).get();
  if (!known) {
    db.insert(signupLinks).values({ tokenHash, roomId: link.roomId, createdBy: link.createdBy, label: link.label, createdAt: now }).run();
  }
  return known?.revokedAt == null;
}

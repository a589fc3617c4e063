import type { Tx } from '../../db/store/store.ts';
import { derivedToken } from '../auth/tokens.ts';
import type { SignupLinksRepo } from '../signup/signup-links.repo.ts';
import type { ChangesRepo } from './changes.repo.ts';

// The sign-up link a new helper is sent: the association's own sign-up link (every room's
// sessions), derived from the token key so it can be shown again without storing it, like a
// station's. The person's name and number and the association ride in the fragment after the
// token: /signup fills them in, and like the token they never reach a server's log.

/** The association's sign-up token, made (stored hashed) on first use; revoked by the admin, the next generation replaces it. */
export async function associationSignupToken(
  q: Tx,
  deps: { tokenKey: string; changes: ChangesRepo; signupLinks: SignupLinksRepo },
  associationId: number,
  now: number,
): Promise<string> {
  const createdBy = `association:${associationId}`;
  // Every earlier generation was revoked, so the count of revoked ones is the current generation.
  const generation = await deps.changes.revokedSignupLinks(q, createdBy);
  // The token key and the sign-up links are still on the synchronous connection (the same transaction on SQLite).
  const token = derivedToken(deps.tokenKey, `new-helpers:${associationId}:${generation}`);
  await deps.signupLinks.ensure(q, { token, roomId: null, createdBy, label: 'Nya hjälpare' }, now);
  return token;
}

/** `/signup#token=…&association=…&name=…&phone=…` on the public origin. */
export function helperSignupUrl(origin: string, token: string, associationId: number, helper: { name: string; phone: string }): string {
  const fragment = new URLSearchParams({ token, association: String(associationId), name: helper.name, phone: helper.phone });
  return `${origin}/signup#${fragment.toString()}`;
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { settings } from '../../db/schema.ts';
import { digestsEqual, hashToken, newSecret } from './tokens.ts';

const ADMIN_HASH_KEY = 'admin_token_hash';

/**
 * Makes sure an admin token exists. A configured ADMIN_TOKEN wins; otherwise one is made at
 * first start and returned (only then) so it can be printed once. Only its hash is stored.
 */
export function ensureAdminToken(db: Db, configured: string | undefined): { generated: string | null } {
  const stored = db.select().from(settings).where(eq(settings.key, ADMIN_HASH_KEY)).get();
  const token = configured ?? (stored ? null : newSecret());
  if (token !== null) {
    const value = hashToken(token);
    db.insert(settings)
      .values({ key: ADMIN_HASH_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } })
      .run();
  }
  return { generated: configured === undefined && token !== null ? token : null };
}

export function createAdminCheck(db: Db) {
  const expected = () => db.select().from(settings).where(eq(settings.key, ADMIN_HASH_KEY)).get()?.value ?? '';
  return (token: string): boolean => digestsEqual(hashToken(token), expected());
}

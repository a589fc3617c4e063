import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema.ts';
import { first, type Store, type Tx } from '../../db/store/store.ts';
import { digestsEqual, hashToken, newSecret } from './tokens.ts';

const ADMIN_HASH_KEY = 'admin_token_hash';

/**
 * Makes sure an admin token exists. A configured ADMIN_TOKEN wins; otherwise one is made at
 * first start and returned (only then, and only to the one node whose insert made it, when
 * several start at once) so it can be printed once. Only its hash is stored.
 */
export async function ensureAdminToken(store: Store, configured: string | undefined): Promise<{ generated: string | null }> {
  if (configured !== undefined) {
    const value = hashToken(configured);
    await store.write((q) => q.db.insert(settings).values({ key: ADMIN_HASH_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }));
    return { generated: null };
  }
  const token = newSecret();
  const made = await store.write((q) => q.run(q.db.insert(settings).values({ key: ADMIN_HASH_KEY, value: hashToken(token) }).onConflictDoNothing()));
  return { generated: made === 1 ? token : null };
}

/** Whether `token` is the admin's (compared in constant time against the stored hash). */
export function createAdminCheck() {
  return async (q: Tx, token: string): Promise<boolean> => {
    const stored = first(await q.db.select({ value: settings.value }).from(settings).where(eq(settings.key, ADMIN_HASH_KEY)));
    return digestsEqual(hashToken(token), stored?.value ?? '');
  };
}

// The demo campaign written into PostgreSQL through the store (no copy of an SQLite file, no COPY):
// the same seed a server on PostgreSQL runs (seeds/seed-store.ts), at the bench's fixed time.
import type { Store } from '../../server/src/db/store/store.ts';
import { settleTokenKey } from '../../server/src/db/token-key.ts';
import { seedDemoInStore } from '../../seeds/seed-store.ts';

/**
 * What seeds/seed.ts writes into an SQLite file (96,971 contacts over 38 lists, both scripts, the
 * 2018 room, counted contacts), plus `stationCount` stations whose tokens derive from the key the
 * store settles, which the nodes then read from the database. One write: all or nothing.
 */
export async function seedDemoThroughStore(store: Store, stationCount: number, now = 0): Promise<{ contacts: number }> {
  const { key } = await settleTokenKey(store, undefined);
  const { contacts } = await seedDemoInStore({ store, tokenKey: key }, { stations: stationCount, now });
  return { contacts };
}

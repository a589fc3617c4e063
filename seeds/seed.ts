// Fills an SQLite file with the demo data set, once, on its own connection before any server
// opens it (`npm run demo`, `npm run db:seed`, the bench). Later runs only top up the stations.
// The rows are written by the store's seed (seed-store.ts), the one a server on PostgreSQL runs.
import type { Db } from '../server/src/db/open.ts';
import { SqliteStore } from '../server/src/db/store/sqlite-store.ts';
import { tokenKey } from '../server/src/db/token-key.ts';
import { WriteBatcher } from '../server/src/db/write-batcher.ts';
import { seedDemoInStore, type SeedResult } from './seed-store.ts';

export type { SeedResult } from './seed-store.ts';

export interface SeedOptions {
  stations: number;
  /** The token key as the server settled it (TOKEN_KEY, or the database's); the database's if left out. */
  tokenKey?: string;
  now?: number; // epoch ms for created_at; fixed in tests so two seeds compare equal
}

/**
 * Seeds the demo data into an empty database in one transaction and ensures `stations` stations.
 * A database that already has municipalities keeps its data; rerunning changes nothing.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  const writes = new WriteBatcher(db.$client);
  try {
    return await seedDemoInStore({ store: new SqliteStore(db, writes), tokenKey: options.tokenKey ?? tokenKey(db) }, options);
  } finally {
    await writes.close();
  }
}

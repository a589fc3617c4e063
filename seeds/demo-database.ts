// The demo's data, seeded before the demo's own app starts: into the SQLite file on its own
// connection (the fast path `npm run demo` has always taken), or with DATABASE_URL set through
// the store of an app started for it, on PostgreSQL.
import { buildApp } from '../server/src/app.ts';
import type { Config } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { SqliteStore } from '../server/src/db/store/sqlite-store.ts';
import { settleTokenKey } from '../server/src/db/token-key.ts';
import { WriteBatcher } from '../server/src/db/write-batcher.ts';
import { simulateValet2022 } from './demo-valet-2022.ts';
import { seedDemo, type SeedResult } from './seed.ts';
import { seedDemoInStore } from './seed-store.ts';

/**
 * The demo's database as `npm run demo` leaves it before serving: seeded, and when new, Valet 2022
 * simulated on it. `generatedAdminToken`: the admin token whichever of their apps made it (the
 * seeding one on PostgreSQL, the simulation's on a new SQLite file), to be printed once.
 */
export async function prepareDemoDatabase(config: Config, stations: number): Promise<SeedResult & { generatedAdminToken: string | null }> {
  const seeded = await seedDemoDatabase(config, stations);
  if (!seeded.created) return seeded;
  const past = await simulateValet2022(config, seeded.generatedAdminToken);
  return { ...seeded, generatedAdminToken: seeded.generatedAdminToken ?? past.generatedAdminToken };
}

/** The seed's result, and the admin token the seeding app generated, if it did (shown once: the demo prints it). */
export async function seedDemoDatabase(config: Config, stations: number): Promise<SeedResult & { generatedAdminToken: string | null }> {
  if (config.databaseUrl) {
    // Plain HTTP whatever the demo serves: this app never listens.
    const app = await buildApp({ ...config, tls: undefined }, { logger: false });
    try {
      return { ...(await seedDemoInStore(app, { stations })), generatedAdminToken: app.generatedAdminToken };
    } finally {
      await app.close();
    }
  }
  const db = openDatabase(config.databasePath);
  try {
    const { key } = await settleTokenKey(new SqliteStore(db, new WriteBatcher(db.$client)), config.tokenKey);
    return { ...(await seedDemo(db, { stations, tokenKey: key })), generatedAdminToken: null };
  } finally {
    db.$client.close();
  }
}

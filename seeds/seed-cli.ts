// `npm run db:seed`: seeds DATABASE_PATH with the demo data (once) and DEMO_STATIONS stations.
// Prints counts only: even invented names and numbers stay out of logs.
import { z } from 'zod';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { settleTokenKey } from '../server/src/db/token-key.ts';
import { seedDemo } from './seed.ts';
import { SqliteStore } from '../server/src/db/store/sqlite-store.ts';
import { WriteBatcher } from '../server/src/db/write-batcher.ts';

// The upper bound catches a typo before it creates millions of stations.
const zSeedEnv = z.object({ DEMO_STATIONS: z.coerce.number().int().positive().max(10_000).default(20) });

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const parsed = zSeedEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);

  const started = performance.now();
  const db = openDatabase(config.databasePath);
  try {
    const { key } = await settleTokenKey(new SqliteStore(db, new WriteBatcher(db.$client)), config.tokenKey);
    const result = await seedDemo(db, { stations: parsed.data.DEMO_STATIONS, tokenKey: key });
    const count = (table: string): number => Number(db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    const ms = Math.round(performance.now() - started);
    console.log(
      `${result.created ? 'Seeded' : 'Already seeded'} ${config.databasePath}: ` +
        `${count('municipalities')} municipalities, ${count('call_lists')} lists, ` +
        `${result.contacts} contacts, ${count('stations')} stations (${ms} ms)`,
    );
  } finally {
    db.$client.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

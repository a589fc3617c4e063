// `npm run db:seed`: seeds DATABASE_PATH with the demo data (once) and DEMO_STATIONS stations.
// Prints counts only: even invented names and numbers stay out of logs.
import { z } from 'zod';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { settleTokenKey } from '../server/src/db/token-key.ts';
import { seedDemo } from './seed.ts';

// The upper bound catches a typo before it creates millions of stations.
const zSeedEnv = z.object({ DEMO_STATIONS: z.coerce.number().int().positive().max(10_000).default(20) });

function main(): void {
  const config = loadConfig(process.env);
  const parsed = zSeedEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);

  const started = performance.now();
  const db = openDatabase(config.databasePath);
  try {
    settleTokenKey(db, config.tokenKey);
    const result = seedDemo(db, { stations: parsed.data.DEMO_STATIONS });
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
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

// `npm run db:seed`: seeds the demo data (once) and DEMO_STATIONS stations into DATABASE_URL's
// PostgreSQL database if set, else into DATABASE_PATH. Prints counts only: even invented names and
// numbers stay out of logs; and on a new PostgreSQL database the admin token its seeding app made.
import { z } from 'zod';
import { loadConfig } from '../server/src/config.ts';
import { databaseName } from '../server/src/db/database-name.ts';
import { printAdminToken, roomOrigins } from '../server/src/startup-banner.ts';
import { seedDemoDatabase } from './demo-database.ts';

// The upper bound catches a typo before it creates millions of stations.
const zSeedEnv = z.object({ DEMO_STATIONS: z.coerce.number().int().positive().max(10_000).default(20) });

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const parsed = zSeedEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);

  const started = performance.now();
  const result = await seedDemoDatabase(config, parsed.data.DEMO_STATIONS);
  const ms = Math.round(performance.now() - started);
  console.log(
    `${result.created ? 'Seeded' : 'Already seeded'} ${databaseName(config)}: ${result.contacts} contacts, ` +
      `at least ${parsed.data.DEMO_STATIONS} stations (${ms} ms)`,
  );
  printAdminToken(result.generatedAdminToken, roomOrigins(config).room);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

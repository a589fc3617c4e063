import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.ts';
import { seedDemoDatabase } from '../../../seeds/demo-database.ts';
import { createDatabase } from '../../helpers/postgres/database.ts';
import { startServer, tempDatabasePath } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { single } from '../../helpers/store-values.ts';

describe('the demo database (`npm run demo` before it serves)', () => {
  it('is seeded once with the demo data and its stations, on the SQLite file or, with DATABASE_URL, on PostgreSQL', { timeout: 120_000 }, async () => {
    const database = onPostgres ? await createDatabase() : undefined;
    const temp = database ? undefined : tempDatabasePath();
    try {
      const config = loadConfig({ ...(database ? { DATABASE_URL: database.url } : { DATABASE_PATH: temp!.path }), ADMIN_TOKEN: '', LOG_LEVEL: 'silent' });
      const first = await seedDemoDatabase(config, 4);
      expect(first).toMatchObject({ created: true, contacts: 96_971 });
      // On PostgreSQL the seeding app is the first to start, so it makes the admin token, which the demo prints.
      if (onPostgres) expect(first.generatedAdminToken).toMatch(/^[\w-]{32}$/);
      else expect(first.generatedAdminToken).toBeNull();
      expect(await seedDemoDatabase(config, 6)).toEqual({ created: false, contacts: 96_971, generatedAdminToken: null });

      const server = await startServer(database ? { databaseUrl: database.url } : { databasePath: temp!.path });
      try {
        const { store } = server.app;
        expect(Number(await single(store, sql`SELECT count(*) FROM stations`))).toBe(6);
        expect(Number(await single(store, sql`SELECT count(*) FROM contacts`))).toBe(96_971);
        expect(await single(store, sql`SELECT name FROM rooms WHERE id = 1`)).toBe('Kafé Marx');
      } finally {
        await server.close();
      }
    } finally {
      temp?.cleanup();
      await database?.drop();
    }
  });
});

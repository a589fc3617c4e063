import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../../server/src/db/pg/migrate.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';

const migrations = (JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describeWithPostgres('the throwaway PostgreSQL of a test run', () => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.map((database) => database.drop()));
  });

  it('gives each caller its own database cloned from the migrated template', async () => {
    const [one, two] = await Promise.all([createDatabase(), createDatabase()]);
    made.push(one, two);
    expect(one.url).not.toBe(two.url);
    for (const url of [one.url, two.url]) {
      expect(await query(url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual([{ n: migrations }]);
    }
    await query(one.url, "INSERT INTO rooms (name, created_at) VALUES ('Bara här', 1)");
    expect(await query(one.url, 'SELECT count(*)::int AS n FROM rooms')).toEqual([{ n: 2 }]);
    expect(await query(two.url, 'SELECT count(*)::int AS n FROM rooms')).toEqual([{ n: 1 }]);
  });

  // What `npm run test:postgres` hands every test file (test/helpers/postgres/store-database.ts).
  it.runIf(process.env.TEST_STORE === 'postgres')('gives every test file under npm run test:postgres a migrated database of its own as DATABASE_URL', async () => {
    const url = process.env.DATABASE_URL ?? '';
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_\d+_/);
    expect(await query(url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual([{ n: migrations }]);
  });

  it('drops a database when asked', async () => {
    const database = await createDatabase();
    await database.drop();
    await expect(query(database.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
  });

  it('listens on 127.0.0.1 only, with the durability a throwaway server can do without turned off', async () => {
    const database = await createDatabase({ migrated: false });
    made.push(database);
    const settings = await query<{ name: string; setting: string }>(
      database.url,
      "SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name",
    );
    expect(settings).toEqual([
      { name: 'fsync', setting: 'off' },
      { name: 'full_page_writes', setting: 'off' },
      { name: 'listen_addresses', setting: '127.0.0.1' },
      { name: 'synchronous_commit', setting: 'off' },
    ]);
  });
});

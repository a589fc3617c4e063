import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migratePostgres, POSTGRES_MIGRATIONS_FOLDER } from '../../../server/src/db/pg/migrate.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { BOOKED_SHIFTS_AFTER, BOOKED_SHIFTS_ROWS } from '../db/booked-shifts-fixture.ts';

const journal = JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };

describeWithPostgres('PostgreSQL migrations', () => {
  const pools: pg.Pool[] = [];
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });
  async function freshDatabase(): Promise<string> {
    const database = await createDatabase({ migrated: false });
    databases.push(database);
    return database.url;
  }
  const poolFor = (url: string) => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // pool.end() resolves before its connections have closed: one still closing when the test drops
    // its database is terminated by the drop, an 'error' nobody would listen for (a failed run). The
    // pool repeats an idle connection's error as its own, so both are listened to.
    pool.on('connect', (client) => client.on('error', () => {}));
    pool.on('error', () => {});
    pools.push(pool);
    return pool;
  };

  it('three nodes starting at once on a fresh database all succeed, and each migration is applied once', async () => {
    const url = await freshDatabase();
    const [first, second, third] = [poolFor(url), poolFor(url), poolFor(url)];
    await Promise.all([first, second, third].map((pool) => migratePostgres(pool)));

    const applied = await first.query<{ hash: string; times: number }>('SELECT hash, count(*)::int AS times FROM drizzle.__drizzle_migrations GROUP BY hash');
    expect(applied.rows).toHaveLength(journal.entries.length);
    expect(applied.rows.every((row) => row.times === 1)).toBe(true);
    // The lock is released: another session can take it at once.
    const lock = await second.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [MIGRATION_LOCK_KEY]);
    expect(lock.rows).toEqual([{ taken: true }]);
  });

  it('a new database starts with room 1 and campaign 1, as SQLite does, and new rows get the ids after them', async () => {
    const pool = poolFor(await freshDatabase());
    await migratePostgres(pool);
    // created_at as int4: pg's int8 parsing is process-wide, and the store changes it (a test file may share the process).
    const rooms = await pool.query('SELECT id, name, created_at::int AS created_at FROM rooms');
    expect(rooms.rows).toEqual([{ id: 1, name: 'Rum 1', created_at: 0 }]);
    const campaigns = await pool.query<{ id: number; name: string; status: string; starts_on: string }>('SELECT id, name, status, starts_on FROM campaigns');
    expect(campaigns.rows).toEqual([{ id: 1, name: 'Kampanj 1', status: 'active', starts_on: new Date().toISOString().slice(0, 10) }]);

    const room = await pool.query<{ id: number }>("INSERT INTO rooms (name, created_at) VALUES ('Rum 2', 1) RETURNING id");
    const campaign = await pool.query<{ id: number }>("INSERT INTO campaigns (name, starts_on, created_at) VALUES ('Kampanj 2', '2026-01-01', 1) RETURNING id");
    expect([...room.rows, ...campaign.rows]).toEqual([{ id: 2 }, { id: 2 }]);
  });

  it('migrating again applies nothing', async () => {
    const pool = poolFor(await freshDatabase());
    await migratePostgres(pool);
    await migratePostgres(pool);
    const count = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(count.rows).toEqual([{ n: journal.entries.length }]);
  });

  it("an older release's database gets the volunteer of each shift that checked a booking in, and none for walk-ins", async () => {
    // The release before: migrations 0000–0003.
    const dir = mkdtempSync(join(tmpdir(), 'ringstuga-pg-migrate-'));
    try {
      const older = join(dir, 'postgres');
      cpSync(POSTGRES_MIGRATIONS_FOLDER, older, { recursive: true });
      writeFileSync(join(older, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 4) }));
      const pool = poolFor(await freshDatabase());
      await migratePostgres(pool, older);
      await pool.query(BOOKED_SHIFTS_ROWS);
      await migratePostgres(pool);
      const shifts = await pool.query('SELECT id, volunteer_id FROM shifts ORDER BY id');
      expect(shifts.rows).toEqual(BOOKED_SHIFTS_AFTER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

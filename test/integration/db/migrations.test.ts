import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/open.ts';
import { MIGRATIONS_FOLDER } from '../../../server/src/paths.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { tracesOnDisk } from '../../helpers/trace-scan.ts';
import { BOOKED_SHIFTS_AFTER, BOOKED_SHIFTS_ROWS } from './booked-shifts-fixture.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A migrations folder holding only the first `count` migrations, as an older release shipped them. */
function olderRelease(count: number): string {
  const folder = join(dir!, 'migrations');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

// SQLite's own migrations and file; PostgreSQL's are tested in test/integration/postgres/migrate.test.ts.
describe.skipIf(onPostgres)('upgrading a database that has been calling', () => {
  it('puts its stations in room 1 and counts its earlier calls per hour, as the lists counted them', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringstuga-migrate-'));
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: olderRelease(1) });
    const hour = Date.UTC(2026, 8, 1, 10);
    old.exec(`
      INSERT INTO municipalities VALUES ('0180', 'Stockholm');
      INSERT INTO associations (id, municipality_code, name) VALUES (1, '0180', 'S-föreningen');
      INSERT INTO call_lists (id, association_id, name, created_at, contacts_count, persons_called, attempts, answered, conversations)
        VALUES (1, 1, 'Lista', 0, 2, 2, 3, 2, 1);
      INSERT INTO stations (id, number, name, token_hash, created_at) VALUES (1, 1, 'Station 1', 'h1', 0), (2, 2, 'Station 2', 'h2', 0);
      INSERT INTO contacts (id, list_id, name, phone, status, attempts, created_at) VALUES
        (1, 1, 'A', '+46701000001', 'ready', 2, 0), (2, 1, 'B', '+46701000002', 'done', 1, 0);
      INSERT INTO calls (contact_id, station_id, list_id, outcome, started_at, ended_at) VALUES
        (1, 1, 1, 'no_answer', ${hour}, ${hour + 60_000}),
        (2, 2, 1, 'conversation', ${hour}, ${hour + 120_000}),
        (1, 1, 1, 'call_back', ${hour + 3_600_000}, ${hour + 3_660_000});
    `);
    old.close();

    const db = openDatabase(path);
    const sqlite = db.$client;
    expect(sqlite.prepare('SELECT id, room_id, token_generation FROM stations ORDER BY id').all()).toEqual([
      { id: 1, room_id: 1, token_generation: 0 },
      { id: 2, room_id: 1, token_generation: 0 },
    ]);
    expect(sqlite.prepare('SELECT id, name, created_at FROM rooms').all()).toEqual([{ id: 1, name: 'Rum 1', created_at: 0 }]);
    expect(sqlite.prepare('SELECT * FROM activity_hours ORDER BY hour_start').all()).toEqual([
      { hour_start: hour, room_id: 1, list_id: 1, attempts: 2, answered: 1, conversations: 1, persons_called: 2 },
      { hour_start: hour + 3_600_000, room_id: 1, list_id: 1, attempts: 1, answered: 1, conversations: 0, persons_called: 0 },
    ]);
    // The hours add up to the list's own counters.
    expect(
      sqlite.prepare('SELECT sum(attempts) AS attempts, sum(answered) AS answered, sum(conversations) AS conversations, sum(persons_called) AS personsCalled FROM activity_hours').get(),
    ).toEqual({ attempts: 3, answered: 2, conversations: 1, personsCalled: 2 });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('writes each district code one way and adds up the archive of spellings that meet, and forgets imported files’ names', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringstuga-migrate-'));
    const path = join(dir, 'old.db');
    const old = new Database(path);
    // The release before: migrations 0000–0006.
    migrate(drizzle(old), { migrationsFolder: olderRelease(7) });
    old.exec(`
      INSERT INTO municipalities VALUES ('0127', 'Botkyrka');
      INSERT INTO associations (id, municipality_code, name) VALUES (1, '0127', 'S-föreningen');
      INSERT INTO call_lists (id, association_id, name, created_at) VALUES (1, 1, 'Lista', 0), (2, 1, 'Andra', 0);
      INSERT INTO contacts (id, list_id, name, phone, voting_district, created_at) VALUES
        (1, 1, 'A', '+46701000001', '0127 0014', 0), (2, 1, 'B', '+46701000002', '01270014', 0),
        (3, 1, 'C', '+46701000003', '1270014', 0), (4, 1, 'D', '+46701000004', '0127-0015', 0),
        (5, 1, 'E', '+46701000005', 'Tensta 1', 0), (6, 1, 'F', '+46701000006', NULL, 0),
        (7, 2, 'G', '+46701000007', '14', 0), (8, 2, 'H', '+46701000008', '0014', 0);
      INSERT INTO district_archive (list_id, district, contacts, persons_called, attempts, answered, conversations) VALUES
        (1, '01270014', 1, 1, 2, 1, 1), (1, '0127 0014', 2, 1, 3, 1, 0), (1, '1270014', 0, 1, 1, 0, 0),
        (1, 'Tensta 1', 1, 0, 0, 0, 0), (1, '', 1, 1, 1, 1, 1), (2, '0127 0014', 1, 1, 1, 1, 1);
      INSERT INTO imports (list_id, actor, file_name, rows, imported, updated, rejected, created_at)
        VALUES (1, 'admin', 'Zelda Secretsdottirs lista.csv', 6, 6, 0, 0, 0);
    `);
    old.close();

    const sqlite = openDatabase(path).$client;
    expect(sqlite.prepare('SELECT id, voting_district FROM contacts ORDER BY id').all()).toEqual([
      { id: 1, voting_district: '01270014' },
      { id: 2, voting_district: '01270014' },
      { id: 3, voting_district: '01270014' },
      { id: 4, voting_district: '01270015' },
      { id: 5, voting_district: 'Tensta 1' },
      { id: 6, voting_district: null },
      { id: 7, voting_district: '0014' },
      { id: 8, voting_district: '0014' },
    ]);
    expect(sqlite.prepare('SELECT * FROM district_archive ORDER BY list_id, district').all()).toEqual([
      { list_id: 1, district: '', contacts: 1, persons_called: 1, attempts: 1, answered: 1, conversations: 1 },
      { list_id: 1, district: '01270014', contacts: 3, persons_called: 3, attempts: 6, answered: 2, conversations: 1 },
      { list_id: 1, district: 'Tensta 1', contacts: 1, persons_called: 0, attempts: 0, answered: 0, conversations: 0 },
      { list_id: 2, district: '01270014', contacts: 1, persons_called: 1, attempts: 1, answered: 1, conversations: 1 },
    ]);
    expect(sqlite.prepare('SELECT * FROM imports').all()).toEqual([
      { id: 1, list_id: 1, actor: 'admin', bytes: 0, rows: 6, imported: 6, updated: 0, rejected: 0, created_at: 0 },
    ]);
    // Only the schema's own tables are left.
    expect(sqlite.prepare(`SELECT name FROM sqlite_temp_master`).all()).toEqual([]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
    expect(tracesOnDisk(path, ['Secretsdottir'])).toEqual([]);
  });

  it("gives the shifts that checked bookings in their volunteer, and leaves walk-ins' shifts without one", () => {
    dir = mkdtempSync(join(tmpdir(), 'ringstuga-migrate-'));
    const path = join(dir, 'old.db');
    const old = new Database(path);
    // The release before: migrations 0000–0013.
    migrate(drizzle(old), { migrationsFolder: olderRelease(14) });
    old.exec(BOOKED_SHIFTS_ROWS);
    old.close();

    const sqlite = openDatabase(path).$client;
    expect(sqlite.prepare('SELECT id, volunteer_id FROM shifts ORDER BY id').all()).toEqual(BOOKED_SHIFTS_AFTER);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });
});

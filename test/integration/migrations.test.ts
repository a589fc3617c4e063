import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/open.ts';
import { MIGRATIONS_FOLDER } from '../../server/src/paths.ts';

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

describe('upgrading a database that has been calling', () => {
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
    expect(sqlite.prepare('SELECT * FROM rooms').all()).toEqual([{ id: 1, name: 'Rum 1', created_at: 0 }]);
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
});

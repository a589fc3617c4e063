// Fills an empty database with the demo data set, once. Later runs only top up the stations.
import type Database from 'better-sqlite3';
import type { Db } from '../server/src/db/open.ts';
import { associations, callLists, municipalities } from '../server/src/db/schema.ts';
import { ensureStations } from './stations.ts';
import { DEMO_SCRIPT, generateDemoData, type DemoData } from './demo-data.ts';

export interface SeedOptions {
  stations: number;
  /** The token key as the server settled it (TOKEN_KEY, or the database's); the database's if left out. */
  tokenKey?: string;
  now?: number; // epoch ms for created_at; fixed in tests so two seeds compare equal
}

export interface SeedResult {
  created: boolean; // false: the data was already there, only stations were ensured
  contacts: number; // contacts in the database afterwards
}

function isSeeded(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM municipalities LIMIT 1').get() !== undefined;
}

function insertDemoData(db: Db, data: DemoData, now: number): void {
  db.insert(municipalities)
    .values(data.municipalities.map(({ code, name }) => ({ code, name })))
    .run();
  const listIds = data.associations.map((a) => {
    const association = db
      .insert(associations)
      .values({ municipalityCode: a.municipalityCode, name: a.name })
      .returning({ id: associations.id })
      .get();
    return db
      .insert(callLists)
      .values({ associationId: association.id, name: a.listName, createdAt: now })
      .returning({ id: callLists.id })
      .get().id;
  });
  // Raw prepared statement: ~97k rows through drizzle's query builder would cost several times more.
  const insertContact = db.$client.prepare(
    `INSERT INTO contacts (list_id, name, phone, voting_district, priority, preferred_language, status, attempts, next_call_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'ready', 0, 0, ?)`,
  );
  for (const c of data.contacts) {
    insertContact.run(listIds[c.association]!, c.name, c.phone, c.votingDistrict, c.priority, c.preferredLanguage, now);
  }
  // Every list's script, in Swedish and in English for the persons who prefer English.
  const setScript = db.$client.prepare('UPDATE call_lists SET script = ?, instructions = ?');
  setScript.run(DEMO_SCRIPT.sv.script, DEMO_SCRIPT.sv.instructions);
  const translate = db.$client.prepare(
    `INSERT INTO list_scripts (list_id, language, script, instructions) SELECT id, 'en', ?, ? FROM call_lists`,
  );
  translate.run(DEMO_SCRIPT.en.script, DEMO_SCRIPT.en.instructions);
  // The 2018 room.
  db.$client.prepare(`UPDATE rooms SET name = 'Kafé Marx' WHERE id = 1`).run();
  // Counted from the rows themselves, so the counter cannot drift from what was inserted.
  db.$client
    .prepare('UPDATE call_lists SET contacts_count = (SELECT count(*) FROM contacts WHERE list_id = call_lists.id)')
    .run();
}

/**
 * Seeds the demo data into an empty database in one transaction and ensures `stations` stations.
 * A database that already has municipalities keeps its data; rerunning changes nothing.
 */
export function seedDemo(db: Db, options: SeedOptions): SeedResult {
  const now = options.now ?? Date.now();
  const sqlite = db.$client;
  // Generating is pure CPU work: do it before taking the write lock, and skip it when seeded.
  const data = isSeeded(sqlite) ? null : generateDemoData();
  // IMMEDIATE: a concurrent seeder waits for the lock, then finds the data instead of inserting twice.
  const created = sqlite
    .transaction(() => {
      const fresh = data !== null && !isSeeded(sqlite);
      if (fresh) insertDemoData(db, data, now);
      ensureStations(db, options.stations, now, options.tokenKey);
      return fresh;
    })
    .immediate();
  const { count } = sqlite.prepare('SELECT count(*) AS count FROM contacts').get() as { count: number };
  return { created, contacts: count };
}

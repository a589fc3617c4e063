// The demo data set seeded through the store, on SQLite or PostgreSQL alike: what a server's app
// (or a test's) seeds into its own database, and what seed.ts writes into an SQLite file on its own
// connection before any server opens it (`npm run demo`, `npm run db:seed`, the bench).
import { sql } from 'drizzle-orm';
import { associations, callLists, contacts, municipalities, stations } from '../server/src/db/schema.ts';
import { statement, type SqlValue } from '../server/src/db/store/statement.ts';
import type { Store } from '../server/src/db/store/store.ts';
import { hashToken, stationToken } from '../server/src/features/auth/tokens.ts';
import { DEMO_SCRIPT, generateDemoData } from './demo-data.ts';

// PostgreSQL takes at most 65,535 parameters in one statement, SQLite 32,766: 1,000 rows of 7 stay under both.
const CHUNK = 1_000;

export interface SeedResult {
  created: boolean; // false: the data was already there, only stations were ensured
  contacts: number; // contacts in the database afterwards
}

const INSERT_CONTACT = statement<SqlValue[]>(
  'INSERT INTO contacts (list_id, name, phone, voting_district, priority, preferred_language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);

/**
 * Seeds the demo data into an empty database in one write and ensures stations 1..`stations`,
 * their links derived from `tokenKey`. A database that already has municipalities keeps its data.
 */
export async function seedDemoInStore(target: { store: Store; tokenKey: string }, options: { stations: number; now?: number }): Promise<SeedResult> {
  const now = options.now ?? Date.now();
  const seeded = async () => (await target.store.read((q) => q.db.select({ code: municipalities.code }).from(municipalities).limit(1))).length > 0;
  // Generating is pure CPU work: do it outside the write, and skip it when seeded.
  const data = (await seeded()) ? null : generateDemoData();
  const created = await target.store.write(async (q) => {
    // Looked at again inside the write: a concurrent seeder's data is not inserted twice.
    const fresh = data !== null && (await q.db.select({ code: municipalities.code }).from(municipalities).limit(1)).length === 0;
    if (fresh) {
      await q.run(q.db.insert(municipalities).values(data.municipalities.map(({ code, name }) => ({ code, name }))));
      const listIds: number[] = [];
      for (const a of data.associations) {
        const [association] = await q.db.insert(associations).values({ municipalityCode: a.municipalityCode, name: a.name }).returning({ id: associations.id });
        const [list] = await q.db.insert(callLists).values({ associationId: association!.id, name: a.listName, createdAt: now }).returning({ id: callLists.id });
        listIds.push(list!.id);
      }
      const rows = data.contacts.map((c) => ({
        listId: listIds[c.association]!,
        name: c.name,
        phone: c.phone,
        votingDistrict: c.votingDistrict,
        priority: c.priority,
        preferredLanguage: c.preferredLanguage,
        createdAt: now,
      }));
      if (q.dialect === 'sqlite') {
        // In-process: one prepared statement run per row beats building 1,000-row inserts (~5×).
        for (const c of rows) await q.run(INSERT_CONTACT, [c.listId, c.name, c.phone, c.votingDistrict, c.priority, c.preferredLanguage, c.createdAt]);
      } else {
        // A round trip per statement: many rows each.
        for (let start = 0; start < rows.length; start += CHUNK) await q.run(q.db.insert(contacts).values(rows.slice(start, start + CHUNK)));
      }
      // Every list's script, in Swedish and in English for the persons who prefer English.
      await q.run(sql`UPDATE call_lists SET script = ${DEMO_SCRIPT.sv.script}, instructions = ${DEMO_SCRIPT.sv.instructions}`);
      await q.run(
        sql`INSERT INTO list_scripts (list_id, language, script, instructions) SELECT id, 'en', ${DEMO_SCRIPT.en.script}, ${DEMO_SCRIPT.en.instructions} FROM call_lists`,
      );
      // The 2018 room.
      await q.run(sql`UPDATE rooms SET name = 'Kafé Marx' WHERE id = 1`);
      // Counted from the rows themselves, so the counter cannot drift from what was inserted.
      await q.run(sql`UPDATE call_lists SET contacts_count = (SELECT count(*) FROM contacts WHERE list_id = call_lists.id)`);
    }
    const seats = Array.from({ length: options.stations }, (_, i) => ({
      number: i + 1,
      name: `Station ${i + 1}`,
      tokenHash: hashToken(stationToken(target.tokenKey, i + 1)),
      createdAt: now,
    }));
    // Many rows a statement (the bench seeds 2,000 stations): one round trip per station on PostgreSQL would cost seconds.
    for (let start = 0; start < seats.length; start += CHUNK) await q.run(q.db.insert(stations).values(seats.slice(start, start + CHUNK)).onConflictDoNothing());
    return fresh;
  });
  const count = await target.store.read((q) => q.value<number>(sql`SELECT count(*) FROM contacts`));
  return { created, contacts: Number(count) };
}

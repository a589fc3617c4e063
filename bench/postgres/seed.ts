// The demo campaign written into PostgreSQL through the store (no copy of an SQLite file, no COPY).
import { sql } from 'drizzle-orm';
import { associations, callLists, contacts, listScripts, municipalities, stations } from '../../server/src/db/schema.ts';
import type { Store } from '../../server/src/db/store/store.ts';
import { settleTokenKey } from '../../server/src/db/token-key.ts';
import { hashToken, stationToken } from '../../server/src/features/auth/tokens.ts';
import { DEMO_SCRIPT, generateDemoData } from '../../seeds/demo-data.ts';

/** Rows per multi-row INSERT: 1,000 contacts × 7 values stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * What seeds/seed.ts writes into an SQLite file (96,971 contacts over 38 lists, both scripts, the
 * 2018 room, counted contacts), plus `stationCount` stations whose tokens derive from the key the
 * store settles, which the nodes then read from the database. One write: all or nothing.
 */
export async function seedDemoThroughStore(store: Store, stationCount: number, now = 0): Promise<{ contacts: number }> {
  const data = generateDemoData();
  const { key } = await settleTokenKey(store, undefined);
  const seats = Array.from({ length: stationCount }, (_, i) => ({
    number: i + 1,
    name: `Station ${i + 1}`,
    tokenHash: hashToken(stationToken(key, i + 1)),
    createdAt: now,
  }));
  return store.write(async (q) => {
    await q.db.insert(municipalities).values(data.municipalities.map(({ code, name }) => ({ code, name })));
    const listIds: number[] = [];
    for (const a of data.associations) {
      const [association] = await q.db.insert(associations).values({ municipalityCode: a.municipalityCode, name: a.name }).returning({ id: associations.id });
      const [list] = await q.db
        .insert(callLists)
        .values({ associationId: association!.id, name: a.listName, createdAt: now, script: DEMO_SCRIPT.sv.script, instructions: DEMO_SCRIPT.sv.instructions })
        .returning({ id: callLists.id });
      listIds.push(list!.id);
    }
    for (const part of chunks(data.contacts)) {
      await q.db.insert(contacts).values(
        part.map((c) => ({
          listId: listIds[c.association]!,
          name: c.name,
          phone: c.phone,
          votingDistrict: c.votingDistrict,
          priority: c.priority,
          preferredLanguage: c.preferredLanguage,
          createdAt: now,
        })),
      );
    }
    await q.db.insert(listScripts).values(listIds.map((listId) => ({ listId, language: 'en', script: DEMO_SCRIPT.en.script, instructions: DEMO_SCRIPT.en.instructions })));
    await q.run(sql`UPDATE rooms SET name = 'Kafé Marx' WHERE id = 1`);
    await q.run(sql`UPDATE call_lists SET contacts_count = (SELECT count(*) FROM contacts WHERE list_id = call_lists.id)`);
    for (const part of chunks(seats)) await q.db.insert(stations).values(part).onConflictDoNothing();
    return { contacts: Number(await q.value(sql`SELECT count(*) FROM contacts`)) };
  });
}

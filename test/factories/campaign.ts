import { normalisePhone } from '@ringstuga/shared/phone';
import { asc, eq, sql } from 'drizzle-orm';
import { associations, callLists, contacts, municipalities, shifts, stations } from '../../server/src/db/schema.ts';
import { first, type Store } from '../../server/src/db/store/store.ts';
import { hashToken, stationToken } from '../../server/src/features/auth/tokens.ts';

let sequence = 0;

/**
 * Where fixtures write: a store and the token key station links derive from. A test server's app
 * is one (`app.store`, `app.tokenKey`), on SQLite or PostgreSQL alike; a bare SQLite file becomes
 * one through test/helpers/sqlite-fixture.ts.
 */
export interface Fixture {
  store: Store;
  tokenKey: string;
}

/** A valid Swedish mobile number, distinct for each `n`. */
export function phoneNumber(n: number): string {
  const e164 = normalisePhone(`070${String(1_000_000 + (n % 9_000_000)).padStart(7, '0')}`);
  if (!e164) throw new Error(`factory made an invalid number for ${n}`);
  return e164;
}

export async function buildList(
  target: Fixture,
  options: { municipalityCode?: string; municipalityName?: string; associationName?: string; active?: boolean } = {},
): Promise<{ listId: number; associationId: number; municipalityCode: string }> {
  sequence += 1;
  const n = sequence;
  const code = options.municipalityCode ?? String(n).padStart(4, '0');
  return target.store.write(async (q) => {
    await q.db
      .insert(municipalities)
      .values({ code, name: options.municipalityName ?? `Kommun ${code}` })
      .onConflictDoNothing();
    const [association] = await q.db
      .insert(associations)
      .values({ municipalityCode: code, name: options.associationName ?? `Förening ${n}` })
      .returning();
    const [list] = await q.db
      .insert(callLists)
      .values({ associationId: association!.id, name: `Lista ${n}`, active: options.active ?? true, createdAt: 0 })
      .returning();
    return { listId: list!.id, associationId: association!.id, municipalityCode: code };
  });
}

/** Adds contacts with the given numbers to a list and keeps its contacts counter true. */
export async function buildContacts(
  target: Fixture,
  listId: number,
  phones: string[],
  options: { priority?: number; namePrefix?: string } = {},
): Promise<number[]> {
  if (phones.length === 0) return [];
  return target.store.write(async (q) => {
    const rows = phones.map((phone, index) => ({
      listId,
      name: `${options.namePrefix ?? 'Person'} ${index + 1}`,
      phone,
      priority: options.priority ?? 2,
      createdAt: 0,
    }));
    const ids: number[] = [];
    // In chunks: PostgreSQL takes at most 65,535 parameters in one statement, SQLite 32,766.
    for (let start = 0; start < rows.length; start += 1_000) {
      const inserted = await q.db.insert(contacts).values(rows.slice(start, start + 1_000)).returning({ id: contacts.id });
      ids.push(...inserted.map((row) => row.id));
    }
    await q.db
      .update(callLists)
      .set({ contactsCount: sql`${callLists.contactsCount} + ${phones.length}` })
      .where(eq(callLists.id, listId));
    return ids;
  });
}

/** Creates stations 1..count that do not exist yet and returns them all with their join tokens, by number. */
export async function buildStations(target: Fixture, count: number): Promise<{ id: number; number: number; token: string }[]> {
  const key = target.tokenKey;
  const rows = await target.store.write(async (q) => {
    for (let number = 1; number <= count; number += 1) {
      await q.db
        .insert(stations)
        .values({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), createdAt: 0 })
        .onConflictDoNothing();
    }
    return q.db.select().from(stations).orderBy(asc(stations.number));
  });
  return rows.map((station) => ({ id: station.id, number: station.number, token: stationToken(key, station.number, station.tokenGeneration) }));
}

/**
 * A volunteer checked in at a station (an open shift in its room, campaign 1), written straight to
 * the database: for harnesses that set up a calling loop without the check-in's store write.
 */
export async function buildShift(target: Fixture, stationId: number, volunteer: { name: string; languages?: string[] }, now: number): Promise<void> {
  await target.store.write(async (q) => {
    const station = first(await q.db.select({ roomId: stations.roomId }).from(stations).where(eq(stations.id, stationId)))!;
    await q.db
      .insert(shifts)
      .values({ stationId, roomId: station.roomId, name: volunteer.name, languages: volunteer.languages ?? [], startedAt: now, lastActivityAt: now, campaignId: 1 });
  });
}

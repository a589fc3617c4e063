import { normalisePhone } from '@ringstuga/shared/phone';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/open.ts';
import { associations, callLists, contacts, municipalities, shifts, stations } from '../../server/src/db/schema.ts';
import { stationToken } from '../../server/src/features/auth/tokens.ts';
import { tokenKey } from '../../server/src/db/token-key.ts';
import { ensureStations } from '../../seeds/stations.ts';

let sequence = 0;

/** A valid Swedish mobile number, distinct for each `n`. */
export function phoneNumber(n: number): string {
  const e164 = normalisePhone(`070${String(1_000_000 + (n % 9_000_000)).padStart(7, '0')}`);
  if (!e164) throw new Error(`factory made an invalid number for ${n}`);
  return e164;
}

export function buildList(
  db: Db,
  options: { municipalityCode?: string; municipalityName?: string; associationName?: string; active?: boolean } = {},
): { listId: number; associationId: number; municipalityCode: string } {
  sequence += 1;
  const code = options.municipalityCode ?? String(sequence).padStart(4, '0');
  db.insert(municipalities)
    .values({ code, name: options.municipalityName ?? `Kommun ${code}` })
    .onConflictDoNothing()
    .run();
  const association = db
    .insert(associations)
    .values({ municipalityCode: code, name: options.associationName ?? `Förening ${sequence}` })
    .returning()
    .get();
  const list = db
    .insert(callLists)
    .values({ associationId: association.id, name: `Lista ${sequence}`, active: options.active ?? true, createdAt: 0 })
    .returning()
    .get();
  return { listId: list.id, associationId: association.id, municipalityCode: code };
}

/** Adds contacts with the given numbers to a list and keeps its contacts counter true. */
export function buildContacts(
  db: Db,
  listId: number,
  phones: string[],
  options: { priority?: number; namePrefix?: string } = {},
): number[] {
  const ids = db.transaction((tx) =>
    phones.map(
      (phone, index) =>
        tx
          .insert(contacts)
          .values({
            listId,
            name: `${options.namePrefix ?? 'Person'} ${index + 1}`,
            phone,
            priority: options.priority ?? 2,
            createdAt: 0,
          })
          .returning({ id: contacts.id })
          .get().id,
    ),
  );
  db.update(callLists)
    .set({ contactsCount: sql`${callLists.contactsCount} + ${phones.length}` })
    .where(eq(callLists.id, listId))
    .run();
  return ids;
}

/** Creates stations 1..count and returns their join tokens by station number order. */
export function buildStations(db: Db, count: number): { id: number; number: number; token: string }[] {
  ensureStations(db, count, 0);
  const key = tokenKey(db);
  return db.select().from(stations).orderBy(asc(stations.number)).all().map((station) => ({ id: station.id, number: station.number, token: stationToken(key, station.number, station.tokenGeneration) }));
}

/**
 * A volunteer checked in at a station (an open shift in its room, campaign 1), written straight to
 * the database: for harnesses that set up a calling loop without the check-in's store write.
 */
export function buildShift(db: Db, stationId: number, volunteer: { name: string; languages?: string[] }, now: number): void {
  const station = db.select({ roomId: stations.roomId }).from(stations).where(eq(stations.id, stationId)).get()!;
  db.insert(shifts)
    .values({ stationId, roomId: station.roomId, name: volunteer.name, languages: volunteer.languages ?? [], startedAt: now, lastActivityAt: now, campaignId: 1 })
    .run();
}

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { stations } from '../../db/schema.ts';
import { hashToken, stationToken, tokenKey } from '../auth/tokens.ts';

export type StationRow = typeof stations.$inferSelect;

/** Creates stations 1..count that do not exist yet; safe to rerun. */
export function ensureStations(db: Db, count: number, now = Date.now()): void {
  const key = tokenKey(db);
  db.transaction((tx) => {
    for (let number = 1; number <= count; number += 1) {
      tx.insert(stations)
        .values({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), createdAt: now })
        .onConflictDoNothing()
        .run();
    }
  });
}

export function listStations(db: Db): StationRow[] {
  return db.select().from(stations).orderBy(asc(stations.number)).all();
}

export function findStationByNumber(db: Db, number: number): StationRow | undefined {
  return db.select().from(stations).where(eq(stations.number, number)).get();
}

export function findStationByTokenHash(db: Db, tokenHash: string): StationRow | undefined {
  return db.select().from(stations).where(eq(stations.tokenHash, tokenHash)).get();
}

/** Sets which list a station calls (null: every active list); false if there is no such station. */
export function setStationList(db: Db, number: number, listId: number | null): boolean {
  return db.update(stations).set({ listId }).where(eq(stations.number, number)).run().changes === 1;
}

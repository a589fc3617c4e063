import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { stations } from '../../db/schema.ts';
import { hashToken, stationToken } from '../auth/tokens.ts';
import { tokenKey } from '../auth/token-key.ts';

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

export function findStationById(db: Db, id: number): StationRow | undefined {
  return db.select().from(stations).where(eq(stations.id, id)).get();
}

export function findStationByTokenHash(db: Db, tokenHash: string): StationRow | undefined {
  return db.select().from(stations).where(eq(stations.tokenHash, tokenHash)).get();
}

/**
 * Gives the station a new join token (the old one stops working); returns the new generation, or undefined.
 * `renewedByLink`: the leader link the new token is handed to (null: the admin's, or nobody's).
 */
export function rotateStationToken(db: Db, number: number, renewedByLink: number | null = null): number | undefined {
  const key = tokenKey(db);
  return db.transaction((tx) => {
    const station = tx.select().from(stations).where(eq(stations.number, number)).get();
    if (!station) return undefined;
    const generation = station.tokenGeneration + 1;
    const tokenHash = hashToken(stationToken(key, number, generation));
    tx.update(stations).set({ tokenGeneration: generation, tokenHash, renewedByLink }).where(eq(stations.id, station.id)).run();
    return generation;
  });
}

/** Sets which list a station calls (null: every active list); false if there is no such station. */
export function setStationList(db: Db, number: number, listId: number | null): boolean {
  return db.update(stations).set({ listId }).where(eq(stations.number, number)).run().changes === 1;
}

/** Adds a remote station to a room, numbered after every existing station. */
export function addRemoteStation(db: Db, roomId: number, name: string, now: number, createdByLink: number | null): StationRow {
  const key = tokenKey(db);
  return db.transaction((tx) => {
    const [last] = tx.select({ number: stations.number }).from(stations).orderBy(desc(stations.number)).limit(1).all();
    const number = (last?.number ?? 0) + 1;
    return tx
      .insert(stations)
      .values({ number, name, tokenHash: hashToken(stationToken(key, number)), roomId, remote: true, createdByLink, createdAt: now })
      .returning()
      .get();
  });
}

/** The remote stations whose join link a leader got through this access link: made with it, or renewed with it. */
export function remoteStationsLinkedTo(db: Db, linkId: number): StationRow[] {
  return db
    .select()
    .from(stations)
    .where(and(or(eq(stations.createdByLink, linkId), eq(stations.renewedByLink, linkId)), eq(stations.remote, true)))
    .all();
}

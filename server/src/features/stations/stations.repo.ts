import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { stations } from '../../db/schema.ts';
import { hashToken, stationToken } from '../auth/tokens.ts';
import { tokenKey } from '../auth/token-key.ts';

export type StationRow = typeof stations.$inferSelect;

/** The stations table: fixed stations in rooms and remote ones; tokens are stored as hashes only. */
export function createStationsRepo(db: Db) {
  /** The highest station number in use (0 with none): new stations are numbered on from it. */
  const highestNumber = (tx: Pick<Db, 'select'>) =>
    tx.select({ n: sql<number>`coalesce(max(${stations.number}), 0)` }).from(stations).get()!.n;
  return {
    /** Creates stations 1..count that do not exist yet; safe to rerun. */
    ensure(count: number, now: number): void {
      const key = tokenKey(db);
      db.transaction((tx) => {
        for (let number = 1; number <= count; number += 1) {
          tx.insert(stations)
            .values({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), createdAt: now })
            .onConflictDoNothing()
            .run();
        }
      });
    },
    list: (): StationRow[] => db.select().from(stations).orderBy(asc(stations.number)).all(),
    byNumber: (number: number): StationRow | undefined => db.select().from(stations).where(eq(stations.number, number)).get(),
    byId: (id: number): StationRow | undefined => db.select().from(stations).where(eq(stations.id, id)).get(),
    byTokenHash: (tokenHash: string): StationRow | undefined =>
      db.select().from(stations).where(eq(stations.tokenHash, tokenHash)).get(),
    /**
     * Gives the station a new join token (the old one stops working); returns the new generation, or undefined.
     * `renewedByLink`: the leader link the new token is handed to (null: the admin's, or nobody's).
     */
    rotateToken(number: number, renewedByLink: number | null = null): number | undefined {
      const key = tokenKey(db);
      return db.transaction((tx) => {
        const station = tx.select().from(stations).where(eq(stations.number, number)).get();
        if (!station) return undefined;
        const generation = station.tokenGeneration + 1;
        const tokenHash = hashToken(stationToken(key, number, generation));
        tx.update(stations).set({ tokenGeneration: generation, tokenHash, renewedByLink }).where(eq(stations.id, station.id)).run();
        return generation;
      });
    },
    /** Sets which list a station calls (null: its volunteer's association's lists). */
    setList: (stationId: number, listId: number | null) => void db.update(stations).set({ listId }).where(eq(stations.id, stationId)).run(),
    /** Adds `count` stations to a room, numbered on from the highest number in use; returns their numbers. */
    addToRoom(roomId: number, count: number, now: number): number[] {
      const key = tokenKey(db);
      return db.transaction((tx) => {
        const highest = highestNumber(tx);
        const numbers = Array.from({ length: count }, (_, index) => highest + index + 1);
        tx.insert(stations)
          .values(numbers.map((number) => ({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), roomId, createdAt: now })))
          .run();
        return numbers;
      });
    },
    /** Adds a remote station to a room, numbered after every existing station. */
    addRemote(roomId: number, name: string, now: number, createdByLink: number | null): StationRow {
      const key = tokenKey(db);
      return db.transaction((tx) => {
        const number = highestNumber(tx) + 1;
        return tx
          .insert(stations)
          .values({ number, name, tokenHash: hashToken(stationToken(key, number)), roomId, remote: true, createdByLink, createdAt: now })
          .returning()
          .get();
      });
    },
    /** The remote stations whose join link a leader got through this access link: made with it, or renewed with it. */
    remoteLinkedTo: (linkId: number): StationRow[] =>
      db
        .select()
        .from(stations)
        .where(and(or(eq(stations.createdByLink, linkId), eq(stations.renewedByLink, linkId)), eq(stations.remote, true)))
        .all(),
  };
}

export type StationsRepo = ReturnType<typeof createStationsRepo>;

/** Seeds and fixtures: creates stations 1..count that do not exist yet (safe to rerun). */
export const ensureStations = (db: Db, count: number, now = Date.now()): void => createStationsRepo(db).ensure(count, now);

import { and, asc, eq, or, sql } from 'drizzle-orm';
import { stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { hashToken, stationToken } from '../auth/tokens.ts';

export type StationRow = typeof stations.$inferSelect;

/** The highest station number in use (0 with none): new stations are numbered on from it. */
const highestNumber = async (q: Tx): Promise<number> =>
  first(await q.db.select({ n: sql<number>`coalesce(max(${stations.number}), 0)` }).from(stations))!.n;

/**
 * The stations table: fixed stations in rooms and remote ones; tokens are stored as hashes only.
 * `key`: the token key (auth's tokenKey), which the station tokens are derived from.
 */
export const stationsRepo = {
  list: (q: Tx): Promise<StationRow[]> => q.db.select().from(stations).orderBy(asc(stations.number)),
  byNumber: async (q: Tx, number: number): Promise<StationRow | undefined> => first(await q.db.select().from(stations).where(eq(stations.number, number))),
  byId: async (q: Tx, id: number): Promise<StationRow | undefined> => first(await q.db.select().from(stations).where(eq(stations.id, id))),
  byTokenHash: async (q: Tx, tokenHash: string): Promise<StationRow | undefined> =>
    first(await q.db.select().from(stations).where(eq(stations.tokenHash, tokenHash))),
  /**
   * Gives the station a new join token (the old one stops working); returns the new generation, or undefined. Inside a write.
   * `renewedByLink`: the leader link the new token is handed to (null: the admin's, or nobody's).
   */
  async rotateToken(q: Tx, key: string, number: number, renewedByLink: number | null = null): Promise<number | undefined> {
    const station = await stationsRepo.byNumber(q, number);
    if (!station) return undefined;
    const generation = station.tokenGeneration + 1;
    const tokenHash = hashToken(stationToken(key, number, generation));
    await q.db.update(stations).set({ tokenGeneration: generation, tokenHash, renewedByLink }).where(eq(stations.id, station.id));
    return generation;
  },
  /** Sets which list a station calls (null: its volunteer's association's lists). */
  setList: async (q: Tx, stationId: number, listId: number | null): Promise<void> => {
    await q.db.update(stations).set({ listId }).where(eq(stations.id, stationId));
  },
  /** Adds `count` stations to a room, numbered on from the highest number in use; returns their numbers. Inside a write. */
  async addToRoom(q: Tx, key: string, roomId: number, count: number, now: number): Promise<number[]> {
    const highest = await highestNumber(q);
    const numbers = Array.from({ length: count }, (_, index) => highest + index + 1);
    await q.db
      .insert(stations)
      .values(numbers.map((number) => ({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), roomId, createdAt: now })));
    return numbers;
  },
  /** Adds a remote station to a room, numbered after every existing station. Inside a write. */
  async addRemote(q: Tx, key: string, roomId: number, name: string, now: number, createdByLink: number | null): Promise<StationRow> {
    const number = (await highestNumber(q)) + 1;
    const [made] = await q.db
      .insert(stations)
      .values({ number, name, tokenHash: hashToken(stationToken(key, number)), roomId, remote: true, createdByLink, createdAt: now })
      .returning();
    return made!;
  },
  /** The remote stations whose join link a leader got through this access link: made with it, or renewed with it. */
  remoteLinkedTo: (q: Tx, linkId: number): Promise<StationRow[]> =>
    q.db
      .select()
      .from(stations)
      .where(and(or(eq(stations.createdByLink, linkId), eq(stations.renewedByLink, linkId)), eq(stations.remote, true))),
};

export type StationsRepo = typeof stationsRepo;

import { and, eq, gt, isNull, lte, notInArray, or } from 'drizzle-orm';
import { phonePairings, shifts } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

const pairingColumns = {
  id: phonePairings.id,
  stationId: phonePairings.stationId,
  shiftId: phonePairings.shiftId,
  expiresAt: phonePairings.expiresAt,
  /** The device that claimed the pairing at its first connect, or null before that. */
  device: phonePairings.device,
};
export type PairingRow = Pick<typeof phonePairings.$inferSelect, keyof typeof pairingColumns>;

/** Open, unexpired, and its shift is still open. */
const live = (now: number) => and(isNull(phonePairings.endedAt), gt(phonePairings.expiresAt, now));
const openShiftJoin = and(eq(shifts.id, phonePairings.shiftId), isNull(shifts.endedAt));

/** Ends the station's open pairings; how many ended. */
const endAll = (q: Tx, stationId: number, endedAt: number): Promise<number> =>
  q.run(q.db.update(phonePairings).set({ endedAt }).where(and(eq(phonePairings.stationId, stationId), isNull(phonePairings.endedAt))));

/** Phone pairings: stored by the token's hash, each for one station and one shift. */
export const pairingsRepo = {
  /** Ends the station's previous pairing and makes one for its open shift; undefined when nobody is checked in. Inside a write. */
  async create(q: Tx, stationId: number, tokenHash: string, now: number, ttlMs: number): Promise<PairingRow | undefined> {
    const shift = first(
      await q.db
        .select({ id: shifts.id })
        .from(shifts)
        .where(and(eq(shifts.stationId, stationId), isNull(shifts.endedAt)))
        .limit(1),
    );
    if (!shift) return undefined;
    await endAll(q, stationId, now);
    return first(
      await q.db
        .insert(phonePairings)
        .values({ stationId, shiftId: shift.id, tokenHash, createdAt: now, expiresAt: now + ttlMs })
        .returning(pairingColumns),
    );
  },
  endAll,
  /** A pairing outlives neither its shift nor its expiry. */
  endStale: (q: Tx, stationId: number, now: number): Promise<number> =>
    q.run(
      q.db
        .update(phonePairings)
        .set({ endedAt: now })
        .where(
          and(
            eq(phonePairings.stationId, stationId),
            isNull(phonePairings.endedAt),
            or(
              lte(phonePairings.expiresAt, now),
              notInArray(
                phonePairings.shiftId,
                q.db
                  .select({ id: shifts.id })
                  .from(shifts)
                  .where(and(eq(shifts.stationId, stationId), isNull(shifts.endedAt))),
              ),
            ),
          ),
        ),
    ),
  /** The first device to connect takes the pairing; false if another device already has. */
  claim: async (q: Tx, pairing: PairingRow, device: string): Promise<boolean> =>
    pairing.device === null
      ? (await q.run(
          q.db
            .update(phonePairings)
            .set({ device })
            .where(and(eq(phonePairings.id, pairing.id), isNull(phonePairings.device))),
        )) === 1
      : pairing.device === device,
  valid: async (q: Tx, tokenHash: string, now: number) =>
    first(
      await q.db
        .select({ ...pairingColumns, roomId: shifts.roomId })
        .from(phonePairings)
        .innerJoin(shifts, openShiftJoin)
        .where(and(eq(phonePairings.tokenHash, tokenHash), live(now)))
        .limit(1),
    ),
  current: async (q: Tx, stationId: number, now: number): Promise<PairingRow | undefined> =>
    first(
      await q.db
        .select(pairingColumns)
        .from(phonePairings)
        .innerJoin(shifts, openShiftJoin)
        .where(and(eq(phonePairings.stationId, stationId), live(now)))
        .limit(1),
    ),
};

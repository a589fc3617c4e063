import { and, eq, gt, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { phonePairings, shifts } from '../../db/schema.ts';

const pairingColumns = {
  id: phonePairings.id,
  stationId: phonePairings.stationId,
  shiftId: phonePairings.shiftId,
  expiresAt: phonePairings.expiresAt,
  /** The device that claimed the pairing at its first connect, or null before that. */
  device: phonePairings.device,
};
export type PairingRow = Pick<typeof phonePairings.$inferSelect, keyof typeof pairingColumns>;

const now = sql.placeholder('now');
/** Open, unexpired, and its shift is still open. */
const live = and(isNull(phonePairings.endedAt), gt(phonePairings.expiresAt, now));
const openShiftJoin = and(eq(shifts.id, phonePairings.shiftId), isNull(shifts.endedAt));

/** Phone pairings: stored by the token's hash, each for one station and one shift. */
export function createPairingsRepo(db: Db) {
  // Built once: a station's pairing state is read with every push of its state.
  const valid = db
    .select({ ...pairingColumns, roomId: shifts.roomId })
    .from(phonePairings)
    .innerJoin(shifts, openShiftJoin)
    .where(and(eq(phonePairings.tokenHash, sql.placeholder('tokenHash')), live))
    .prepare();
  const current = db
    .select(pairingColumns)
    .from(phonePairings)
    .innerJoin(shifts, openShiftJoin)
    .where(and(eq(phonePairings.stationId, sql.placeholder('stationId')), live))
    .prepare();
  const endAll = (stationId: number, endedAt: number) =>
    db
      .update(phonePairings)
      .set({ endedAt })
      .where(and(eq(phonePairings.stationId, stationId), isNull(phonePairings.endedAt)))
      .run().changes;

  return {
    /** Ends the station's previous pairing and makes one for its open shift; undefined when nobody is checked in. */
    create(stationId: number, tokenHash: string, now: number, ttlMs: number): PairingRow | undefined {
      return db.transaction(
        (tx) => {
          const shift = tx
            .select({ id: shifts.id })
            .from(shifts)
            .where(and(eq(shifts.stationId, stationId), isNull(shifts.endedAt)))
            .get();
          if (!shift) return undefined;
          endAll(stationId, now);
          return tx
            .insert(phonePairings)
            .values({ stationId, shiftId: shift.id, tokenHash, createdAt: now, expiresAt: now + ttlMs })
            .returning(pairingColumns)
            .get();
        },
        { behavior: 'immediate' },
      );
    },
    endAll,
    /** A pairing outlives neither its shift nor its expiry. */
    endStale: (stationId: number, now: number) =>
      db
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
                db
                  .select({ id: shifts.id })
                  .from(shifts)
                  .where(and(eq(shifts.stationId, stationId), isNull(shifts.endedAt))),
              ),
            ),
          ),
        )
        .run().changes,
    /** The first device to connect takes the pairing; false if another device already has. */
    claim: (pairing: PairingRow, device: string): boolean =>
      pairing.device === null
        ? db
            .update(phonePairings)
            .set({ device })
            .where(and(eq(phonePairings.id, pairing.id), isNull(phonePairings.device)))
            .run().changes === 1
        : pairing.device === device,
    valid: (tokenHash: string, now: number) => valid.get({ tokenHash, now }),
    current: (stationId: number, now: number): PairingRow | undefined => current.get({ stationId, now }),
  };
}

export type PairingsRepo = ReturnType<typeof createPairingsRepo>;

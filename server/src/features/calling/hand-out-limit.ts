/**
 * How fast one station may be handed contacts, and what the leader should see of its pace.
 *
 * A token bucket per station: `perMinute` contacts a minute, with a burst of `HAND_OUT_BURST` on
 * top, so a volunteer skipping a few in a row never waits, but a leaked station link looping
 * `contact:next` + `contact:skip` copies 12 numbers a minute instead of ~120 a second. Kept in
 * memory: a restart gives every station a full bucket, which is at most one burst more.
 * Per station (the link), not per volunteer: checking in again must not refill it.
 */

/** Contacts a station may take at once before the per-minute pace applies. */
export const HAND_OUT_BURST = 5;
/** The board shows a station as rate-limited for this long after its last refusal. */
export const RATE_LIMITED_SHOWN_MS = 10 * 60_000;

/** Credit in milliseconds of pace (a contact costs 60,000 / perMinute), so common rates stay whole numbers. */
interface Bucket {
  credit: number;
  at: number;
  limitedAt: number | null;
}

interface SkipStreak {
  shiftId: number;
  count: number;
}

export interface StationPaceFlags {
  rateLimited: boolean;
  skipsInARow: number;
}

export function createHandOutLimit(perMinute: number) {
  const cost = 60_000 / perMinute;
  const buckets = new Map<number, Bucket>();
  const streaks = new Map<number, SkipStreak>();

  const refilled = (stationId: number, now: number): Bucket => {
    const bucket = buckets.get(stationId) ?? { credit: HAND_OUT_BURST * cost, at: now, limitedAt: null };
    bucket.credit = Math.min(HAND_OUT_BURST * cost, bucket.credit + Math.max(0, now - bucket.at));
    bucket.at = now;
    buckets.set(stationId, bucket);
    return bucket;
  };

  return {
    /** undefined if the station may be handed a new contact now; else when it may (ms). 0 per minute: always. */
    nextAllowedAt(stationId: number, now: number): number | undefined {
      if (perMinute <= 0) return undefined;
      const bucket = refilled(stationId, now);
      return bucket.credit >= cost ? undefined : now + Math.ceil(cost - bucket.credit);
    },
    /** The station was refused a contact for its pace: the board shows it for a while. */
    refused(stationId: number, now: number): void {
      refilled(stationId, now).limitedAt = now;
    },
    /** A new contact was handed out (a resumed one is not). */
    handedOut(stationId: number, now: number): void {
      if (perMinute <= 0) return;
      refilled(stationId, now).credit -= cost;
    },
    skipped(stationId: number, shiftId: number | null): void {
      if (shiftId === null) return;
      const streak = streaks.get(stationId);
      streaks.set(stationId, { shiftId, count: streak?.shiftId === shiftId ? streak.count + 1 : 1 });
    },
    /** An outcome ends the run of skips. */
    recorded(stationId: number): void {
      streaks.delete(stationId);
    },
    /** What the room board shows of the station's pace; the skips are the current volunteer's. */
    flags(stationId: number, shiftId: number | null, now: number): StationPaceFlags {
      const limitedAt = buckets.get(stationId)?.limitedAt ?? null;
      const streak = streaks.get(stationId);
      return {
        rateLimited: limitedAt !== null && now - limitedAt < RATE_LIMITED_SHOWN_MS,
        skipsInARow: streak && streak.shiftId === shiftId ? streak.count : 0,
      };
    },
  };
}

export type HandOutLimit = ReturnType<typeof createHandOutLimit>;

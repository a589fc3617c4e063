// What simulated stations count, and the attempt cap they share: apart from the bot itself, so
// the summaries and the benchmark read them without the socket code.
import { OUTCOMES, zEmptyReason, type EmptyReason, type Outcome } from '@ringstuga/shared';

/** A cap on attempts shared by several bots: a bot reserves one before asking for a contact. */
export class AttemptBudget {
  constructor(private left: number) {}
  take(): boolean {
    if (this.left <= 0) return false;
    this.left -= 1;
    return true;
  }
  /** Returns a reservation that did not become an attempt. */
  giveBack(): void {
    this.left += 1;
  }
}

export interface StationBotStats {
  attempts: number; // acknowledged outcomes
  byOutcome: Record<Outcome, number>;
  errors: number; // the server said no, answered nonsense, or not in time
  errorsByKind: Record<string, number>; // by error code, or 'timeout', 'bad_response', 'refused'
  empties: Record<EmptyReason, number>;
  interrupted: number; // requests cut off by a lost connection, sent again after the reconnect
  bookedCheckins: number; // check-ins with a booking, picked from "expected now"
  disconnects: number;
  latencyMs: { next: number[]; outcome: number[]; checkin: number[] }; // acknowledgement times
}

export function emptyStats(): StationBotStats {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    attempts: 0,
    byOutcome: zeros(OUTCOMES),
    errors: 0,
    errorsByKind: {},
    empties: zeros(zEmptyReason.options),
    interrupted: 0,
    disconnects: 0,
    bookedCheckins: 0,
    latencyMs: { next: [], outcome: [], checkin: [] },
  };
}

/** The p-th percentile (0–100) of unsorted samples, nearest rank; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

import type { Config } from '../../config.ts';
import { refusedJoin } from '../../realtime/channel.ts';
import { proxyTrust } from './client-address.ts';

export const tooManyFailedJoins = (): Error => refusedJoin('too many failed joins, try again later', { reason: 'too_many_failed_joins' });

/** Failed admin logins and failed station joins are both counted per address over this window. */
export const AUTH_FAILURE_WINDOW_MS = 60_000;

export interface JoinLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Addresses remembered at most; beyond it the longest-quiet ones are forgotten first. */
  maxAddresses?: number;
  now?: () => number;
}

export interface JoinLimiter {
  isBlocked(address: string): boolean;
  recordFailure(address: string): void;
  /** Addresses currently remembered (for tests and metrics). */
  size(): number;
}

/**
 * Counts failed station joins per address over a sliding window. Once an address has
 * `maxFailures` failures in the window, every join from it is refused, a valid token too:
 * otherwise a correct guess would still stand out, and guessing would not be bounded.
 * Successful joins are neither counted nor limited below the threshold.
 */
export function createJoinLimiter(options: JoinLimiterOptions): JoinLimiter {
  const { maxFailures, windowMs, maxAddresses = 10_000, now = Date.now } = options;
  // Map order is insertion order; a failure re-inserts its address, so the first keys are the quietest.
  const failures = new Map<string, number[]>();

  const recent = (address: string, at: number): number[] => {
    const times = (failures.get(address) ?? []).filter((time) => time > at - windowMs);
    if (times.length === 0) failures.delete(address);
    return times;
  };

  // Down to 90 % of the cap, so a flood of new addresses pays for a sweep only now and then.
  const prune = (at: number) => {
    for (const address of failures.keys()) recent(address, at);
    const keep = Math.floor(maxAddresses * 0.9);
    for (const address of failures.keys()) {
      if (failures.size <= keep) break;
      failures.delete(address);
    }
  };

  return {
    isBlocked: (address) => recent(address, now()).length >= maxFailures,
    recordFailure(address) {
      const at = now();
      // Only the newest `maxFailures` times matter, so one address holds at most that many.
      const times = [...recent(address, at), at].slice(-maxFailures);
      failures.delete(address);
      failures.set(address, times);
      if (failures.size > maxAddresses) prune(at);
    },
    size: () => failures.size,
  };
}

/** A socket namespace's join check: failed joins counted per address as HTTP counts failed logins. */
export function joinLimits(config: Pick<Config, 'authFailuresPerMinute' | 'trustProxy'>) {
  return { failedJoinsPerMinute: config.authFailuresPerMinute, trust: proxyTrust(config.trustProxy) };
}

import { describe, expect, it } from 'vitest';
import { CALLBACK_MAX_DAYS, OUTCOMES } from '@ringstuga/shared';
import {
  ATTEMPTS_PER_HOUR,
  BREAK_MEAN_SECONDS,
  CALLBACK_MIN_LEAD_MS,
  callbackDelayMs,
  planAttempt,
} from '../../../../tools/simulate/human-pace.ts';
import { drawOutcome, mulberry32 } from '../../../../tools/simulate/outcome-mix.ts';

const HOUR_MS = 3_600_000;

/** Attempts per hour of one station over `draws` simulated attempts, outcomes drawn from the mix. */
function attemptsPerHour(seed: number, draws: number, speed: number): number {
  const random = mulberry32(seed);
  let totalMs = 0;
  for (let i = 0; i < draws; i += 1) {
    const plan = planAttempt(drawOutcome(random), random, speed);
    totalMs += plan.beforeOutcomeMs + plan.breakMs;
  }
  return draws / (totalMs / HOUR_MS);
}

describe('the human pace of a simulated station', () => {
  it('makes about 20 attempts an hour at speed 1, the 2018 average', () => {
    expect(ATTEMPTS_PER_HOUR).toBe(20);
    expect(BREAK_MEAN_SECONDS).toBeGreaterThan(0);
    for (const seed of [1, 2, 3]) expect(Math.abs(attemptsPerHour(seed, 50_000, 1) - 20)).toBeLessThanOrEqual(2);
  });

  it('divides every duration by the speed factor', () => {
    for (const outcome of OUTCOMES) {
      const slow = planAttempt(outcome, mulberry32(42), 1);
      const fast = planAttempt(outcome, mulberry32(42), 250);
      expect(fast.beforeOutcomeMs).toBeCloseTo(slow.beforeOutcomeMs / 250, 9);
      expect(fast.breakMs).toBeCloseTo(slow.breakMs / 250, 9);
    }
    expect(attemptsPerHour(1, 20_000, 30) / attemptsPerHour(1, 20_000, 1)).toBeCloseTo(30, 6);
  });

  it('takes minutes for a conversation, seconds for a busy line, about 25 s of ringing for no answer', () => {
    const mean = (outcome: (typeof OUTCOMES)[number]) => {
      const random = mulberry32(9);
      let sum = 0;
      for (let i = 0; i < 5_000; i += 1) sum += planAttempt(outcome, random, 1).beforeOutcomeMs;
      return sum / 5_000 / 1000;
    };
    expect(mean('conversation')).toBeGreaterThan(180);
    expect(mean('conversation')).toBeLessThan(260);
    expect(mean('busy')).toBeLessThan(30);
    expect(mean('no_answer')).toBeGreaterThan(35);
    expect(mean('no_answer')).toBeLessThan(55);
    expect(mean('declined')).toBeLessThan(60);
  });

  it('books call-backs in the future, within the allowed window, never closer than the minimum lead', () => {
    const random = mulberry32(5);
    for (const speed of [1, 30, 5_000, Infinity]) {
      for (let i = 0; i < 1_000; i += 1) {
        const delay = callbackDelayMs(random, speed);
        expect(delay).toBeGreaterThanOrEqual(CALLBACK_MIN_LEAD_MS);
        expect(delay).toBeLessThan(CALLBACK_MAX_DAYS * 24 * HOUR_MS);
      }
    }
  });
});

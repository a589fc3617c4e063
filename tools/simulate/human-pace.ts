// How long a volunteer takes per attempt, so a simulated room moves like a real one.
// Calibrated to the 2018 average of about 20 attempts per station and hour (180 s per attempt):
// the call itself takes what it takes per outcome; the rest of the three minutes is reading the
// card, pressing the key and the pauses between calls, which the break below absorbs.
// Every function returns milliseconds of real time: human seconds divided by the speed factor.
import { OUTCOMES, type Outcome } from '@ringstuga/shared';
import { outcomeShare, type Random } from './outcome-mix.ts';

/** The 2018 campaign's average pace per station. */
export const ATTEMPTS_PER_HOUR = 20;
export const SECONDS_PER_ATTEMPT = 3600 / ATTEMPTS_PER_HOUR;

interface Spread {
  mean: number; // seconds
  sigma: number; // log-normal spread; 0 means always the mean
}

/** The call itself, from dialling to hanging up, per outcome. */
export const CALL_SECONDS: Readonly<Record<Outcome, Spread>> = {
  conversation: { mean: 210, sigma: 0.45 }, // a real conversation, 3–4 minutes
  call_back: { mean: 60, sigma: 0.4 }, // answered, agrees on a better time
  declined: { mean: 35, sigma: 0.4 },
  do_not_call: { mean: 25, sigma: 0.4 },
  no_answer: { mean: 27, sigma: 0.15 }, // rings about 25 s before the volunteer gives up
  busy: { mean: 6, sigma: 0.3 },
  voicemail: { mean: 30, sigma: 0.2 }, // about 25 s of ringing, then the greeting: hang up
  wrong_number: { mean: 15, sigma: 0.4 },
  language_barrier: { mean: 40, sigma: 0.4 },
};

/** Reading the contact card and tapping the number. */
export const DIAL: Spread = { mean: 12, sigma: 0.3 };
/** Choosing the key (and sometimes typing a short note) after hanging up. */
export const WRAP_UP: Spread = { mean: 5, sigma: 0.4 };

/** Expected seconds of an attempt without the break: dialling, the call by the outcome mix, wrap-up. */
export function expectedBusySeconds(): number {
  return DIAL.mean + WRAP_UP.mean + OUTCOMES.reduce((sum, o) => sum + outcomeShare(o) * CALL_SECONDS[o].mean, 0);
}

/**
 * Mean pause between one outcome and asking for the next contact: whatever the three minutes leave
 * (breaks, coffee, a word with the neighbour). Derived, so changing a call length keeps the pace.
 */
export const BREAK_MEAN_SECONDS = SECONDS_PER_ATTEMPT - expectedBusySeconds();

// No single pause may run away: a draw is capped at this many times its mean. Lognormal and
// exponential tails past it are so thin that the mean moves by well under 1 %.
const CAP_FACTOR = 6;

/** A call-back is booked this far ahead (human time), before the speed factor. */
export const CALLBACK_HOURS = { min: 2, max: 48 } as const;
/** Never book a call-back closer than this in real time: the server refuses times already past. */
export const CALLBACK_MIN_LEAD_MS = 60_000;

export interface AttemptPlan {
  /** Card on screen to hanging up, then pressing the key: the station holds the contact meanwhile. */
  beforeOutcomeMs: number;
  /** After the outcome is recorded, before asking for the next contact. */
  breakMs: number;
}

function standardNormal(random: Random): number {
  // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal draw with the given mean (the -σ²/2 term keeps the mean exact), capped. */
export function drawSeconds(random: Random, { mean, sigma }: Spread): number {
  if (sigma === 0) return mean;
  const value = mean * Math.exp(sigma * standardNormal(random) - (sigma * sigma) / 2);
  return Math.min(value, mean * CAP_FACTOR);
}

/** Pauses between calls are mostly short with the odd long one: exponential, capped. */
export function drawBreakSeconds(random: Random): number {
  return Math.min(-BREAK_MEAN_SECONDS * Math.log(1 - random()), BREAK_MEAN_SECONDS * CAP_FACTOR);
}

function toRealMs(seconds: number, speed: number): number {
  return (seconds * 1000) / speed;
}

/** The durations of one attempt with a known outcome, in real milliseconds at `speed`. */
export function planAttempt(outcome: Outcome, random: Random, speed: number): AttemptPlan {
  const busy = drawSeconds(random, DIAL) + drawSeconds(random, CALL_SECONDS[outcome]) + drawSeconds(random, WRAP_UP);
  return { beforeOutcomeMs: toRealMs(busy, speed), breakMs: toRealMs(drawBreakSeconds(random), speed) };
}

/** How far ahead a call-back is booked, in real milliseconds, never closer than the minimum lead. */
export function callbackDelayMs(random: Random, speed: number): number {
  const hours = CALLBACK_HOURS.min + random() * (CALLBACK_HOURS.max - CALLBACK_HOURS.min);
  return Math.max(toRealMs(hours * 3600, speed), CALLBACK_MIN_LEAD_MS);
}

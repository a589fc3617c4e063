// What a simulated volunteer records, per attempt. The shares follow the 2018 campaign evaluation
// (17,066 attempts: 34 % answered, 26 % real conversations); the report gives only those two rates,
// so the split of the rest over the other outcomes is our estimate of a typical phone bank.
import { OUTCOMES, OUTCOME_RULES, type Outcome } from '@ringstuga/shared';
import { mulberry32, type Random } from '../../seeds/demo-data.ts';

export { mulberry32, type Random };

/** Percent of attempts per outcome; sums to 100. */
export const OUTCOME_WEIGHTS: Readonly<Record<Outcome, number>> = {
  // Answered: 34 % of attempts in 2018, of which conversations 26 %.
  conversation: 26,
  call_back: 3,
  declined: 4,
  do_not_call: 1,
  // Not answered: the other 66 %.
  no_answer: 40,
  busy: 5,
  voicemail: 18,
  wrong_number: 3,
  // Not in the 2018 vocabulary; simulated volunteers never meet a language they cannot place.
  language_barrier: 0,
};

const TOTAL_WEIGHT = OUTCOMES.reduce((sum, outcome) => sum + OUTCOME_WEIGHTS[outcome], 0);

/** Cumulative upper bounds in [0, 1], in the vocabulary's order, so one uniform draw picks one outcome. */
const CUMULATIVE: readonly { outcome: Outcome; upTo: number }[] = (() => {
  let sum = 0;
  return OUTCOMES.map((outcome) => {
    sum += OUTCOME_WEIGHTS[outcome];
    return { outcome, upTo: sum / TOTAL_WEIGHT };
  });
})();

/** The probability of an outcome per attempt (its weight over the total). */
export function outcomeShare(outcome: Outcome): number {
  return OUTCOME_WEIGHTS[outcome] / TOTAL_WEIGHT;
}

/** Expected answered and conversation shares per attempt, as the weights imply. */
export function expectedRates(): { answered: number; conversations: number } {
  let answered = 0;
  let conversations = 0;
  for (const outcome of OUTCOMES) {
    if (OUTCOME_RULES[outcome].reached) answered += outcomeShare(outcome);
    if (OUTCOME_RULES[outcome].conversation) conversations += outcomeShare(outcome);
  }
  return { answered, conversations };
}

/** One attempt's outcome; `random` returns values in [0, 1) (Math.random or a seeded mulberry32). */
export function drawOutcome(random: Random): Outcome {
  const u = random();
  for (const { outcome, upTo } of CUMULATIVE) if (u < upTo) return outcome;
  // Only reachable through floating-point rounding of the last bound.
  return CUMULATIVE[CUMULATIVE.length - 1]!.outcome;
}

/**
 * An independent stream per station from one run seed, so a run is repeatable and stations do not
 * echo each other's draws. The golden-ratio step spreads consecutive indexes over the seed space.
 */
export function stationRandom(seed: number, stationIndex: number): Random {
  return mulberry32((seed + Math.imul(stationIndex + 1, 0x9e3779b9)) >>> 0);
}

import { describe, expect, it } from 'vitest';
import { OUTCOMES, OUTCOME_RULES, type Outcome } from '@ringstuga/shared';
import { OUTCOME_WEIGHTS, drawOutcome, expectedRates, mulberry32, stationRandom } from '../../../../tools/simulate/outcome-mix.ts';

const DRAWS = 200_000;

function tally(random: () => number, draws: number): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (let i = 0; i < draws; i += 1) counts[drawOutcome(random)] += 1;
  return counts;
}

describe('the simulated outcome mix', () => {
  it('weights the outcomes to the 2018 figures: 34 % answered, 26 % conversations per attempt', () => {
    expect(OUTCOMES.reduce((sum, o) => sum + OUTCOME_WEIGHTS[o], 0)).toBe(100);
    const rates = expectedRates();
    expect(rates.answered).toBeCloseTo(0.34, 10);
    expect(rates.conversations).toBeCloseTo(0.26, 10);
  });

  it('draws answered 34 % ± 0.5 and conversations 26 % ± 0.5 over 200,000 seeded draws, every weighted outcome occurring', () => {
    const counts = tally(mulberry32(20180909), DRAWS);
    const share = (test: (o: Outcome) => boolean) =>
      (100 * OUTCOMES.filter(test).reduce((sum, o) => sum + counts[o], 0)) / DRAWS;
    expect(Math.abs(share((o) => OUTCOME_RULES[o].reached) - 34)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(share((o) => OUTCOME_RULES[o].conversation) - 26)).toBeLessThanOrEqual(0.5);
    for (const outcome of OUTCOMES) {
      if (OUTCOME_WEIGHTS[outcome] === 0) expect(counts[outcome], outcome).toBe(0);
      else expect(counts[outcome], outcome).toBeGreaterThan(0);
      expect(Math.abs(share((o) => o === outcome) - OUTCOME_WEIGHTS[outcome]), outcome).toBeLessThanOrEqual(0.5);
    }
  });

  it('repeats a run from its seed and gives each station its own stream', () => {
    const draw = (random: () => number) => Array.from({ length: 50 }, () => drawOutcome(random));
    expect(draw(stationRandom(7, 0))).toEqual(draw(stationRandom(7, 0)));
    expect(draw(stationRandom(7, 0))).not.toEqual(draw(stationRandom(7, 1)));
  });

  it('maps the edges of [0, 1) to the first and the last outcome', () => {
    expect(drawOutcome(() => 0)).toBe('conversation');
    expect(drawOutcome(() => 0.999_999_999)).toBe('wrong_number');
  });
});

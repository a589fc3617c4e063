// The 2018 campaign's attempts, made as fast as 20 stations can: the simulator's own station
// bots with no human pauses, drawing outcomes from the 2018 mix.
import { OUTCOME_RULES, OUTCOMES } from '@ringstuga/shared';
import { AttemptBudget } from '../tools/simulate/bot-stats.ts';
import { StationBot } from '../tools/simulate/station-bot.ts';
import { stationRandom } from '../tools/simulate/outcome-mix.ts';

export async function replayCampaign(url: string, tokens: string[], attempts: number) {
  const budget = new AttemptBudget(attempts);
  const began = performance.now();
  const bots = tokens.map((token, i) => new StationBot({ url, token, random: stationRandom(2018, i), speed: Infinity, budget }).start());
  const reasons = await Promise.all(bots.map((bot) => bot.done));
  const seconds = (performance.now() - began) / 1000;
  const errors = bots.reduce((sum, bot) => sum + bot.stats.errors, 0);
  if (errors > 0 || reasons.some((reason) => reason === 'refused' || reason === 'errors')) {
    throw new Error(`replay went wrong: ${errors} errors, stop reasons ${reasons.join(', ')}`);
  }
  const count = (keep: (outcome: (typeof OUTCOMES)[number]) => boolean) =>
    bots.reduce((sum, bot) => sum + OUTCOMES.filter(keep).reduce((n, outcome) => n + bot.stats.byOutcome[outcome], 0), 0);
  const made = count(() => true);
  return {
    attempts: made,
    seconds,
    answeredShare: (count((o) => OUTCOME_RULES[o].reached) / made) * 100,
    conversationShare: (count((o) => OUTCOME_RULES[o].conversation) / made) * 100,
  };
}

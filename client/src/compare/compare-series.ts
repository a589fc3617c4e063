import type { ComparedCampaign, ComparisonDay } from '@ringstuga/shared';
import type { LineSeries } from '../charts/LineChart.tsx';

export const FIGURES = ['attempts', 'answered', 'conversations', 'volunteers', 'shifts', 'hours'] as const;
export type Figure = (typeof FIGURES)[number];

/** Cumulative volunteers are the distinct ones so far, not a sum of the days (that counts a returning volunteer twice). */
function cumulativeOf(days: readonly ComparisonDay[], figure: Figure): number[] {
  if (figure === 'volunteers') return days.map((day) => day.volunteersSoFar);
  let sum = 0;
  // Hours are tenths: rounding each step keeps 0.1 + 0.2 from showing as 0.30000000000000004.
  return days.map((day) => (sum = Math.round((sum + day[figure]) * 10) / 10));
}

/** One line per campaign: the figure per day on the chosen axis, or its running total. */
export function linesOf(campaigns: readonly ComparedCampaign[], figure: Figure, cumulative: boolean): LineSeries[] {
  return campaigns.map((campaign) => {
    const values = cumulative ? cumulativeOf(campaign.days, figure) : campaign.days.map((day) => day[figure]);
    return { key: String(campaign.id), label: campaign.name, points: campaign.days.map((day, index) => ({ x: day.day, y: values[index]! })) };
  });
}

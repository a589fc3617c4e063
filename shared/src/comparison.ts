// Comparing campaigns (issue 15): additions to `zCompareResponse` (shared/src/campaigns.ts), which
// stays as it is; every field of the contract keeps its name, these only add to it.
import { z } from 'zod';
import { zCampaignStatus, zCompareDay } from './campaigns.ts';
import { zLocalDate } from './sessions.ts';

/** The figures of one row of the comparison's table; the rates are per attempt (as in 2018), null without attempts. */
const zRowFigures = z.object({
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
  answeredPerAttempt: z.number().nullable(),
  conversationsPerAttempt: z.number().nullable(),
});
export type ComparisonRowFigures = z.infer<typeof zRowFigures>;

export const zComparisonDay = zCompareDay.extend({
  /** Distinct volunteers up to and including this day: the cumulative line (a sum of the days would count returning volunteers again). */
  volunteersSoFar: z.number().int(),
});
export type ComparisonDay = z.infer<typeof zComparisonDay>;

/** What the page needs to choose and label a campaign. */
export const zComparableCampaign = z.object({
  id: z.number().int(),
  name: z.string(),
  status: zCampaignStatus,
  startsOn: zLocalDate,
  electionDay: zLocalDate.nullable(),
  /** Figures made by the demo's simulator, not by people: the page says so. */
  synthetic: z.boolean(),
});
export type ComparableCampaign = z.infer<typeof zComparableCampaign>;

export const zComparedCampaign = zComparableCampaign.extend({
  /** Every day from the first with activity to the last, days without any included as zeros. */
  days: z.array(zComparisonDay),
  associations: z.array(zRowFigures.extend({ id: z.number().int(), name: z.string(), municipalityCode: z.string() })),
  municipalities: z.array(zRowFigures.extend({ code: z.string(), name: z.string() })),
});
export type ComparedCampaign = z.infer<typeof zComparedCampaign>;

/** `GET /api/campaigns/compare`: `zCompareResponse` with the table's rows and the labels. */
export const zComparison = z.object({ campaigns: z.array(zComparedCampaign) });
export type Comparison = z.infer<typeof zComparison>;

/** `GET /api/campaigns/comparable`: the campaigns a comparison may name, newest first. */
export const zComparableCampaigns = z.object({ campaigns: z.array(zComparableCampaign) });

export const MAX_COMPARED = 10;

/** `ids=1,2`: distinct positive campaign ids, comma-separated, at most MAX_COMPARED. */
export const zCompareIds = z
  .string()
  .regex(/^[1-9]\d{0,8}(,[1-9]\d{0,8})*$/, 'ids: campaign ids separated by commas, such as 1,2')
  .transform((ids) => ids.split(',').map(Number))
  .refine((ids) => new Set(ids).size === ids.length, 'ids: each campaign once')
  .refine((ids) => ids.length <= MAX_COMPARED, `ids: at most ${MAX_COMPARED} campaigns`);

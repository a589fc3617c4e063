// Campaigns over time (issue 15): an installation holds several; lists, sessions, shifts and their
// calls belong to one. The contract.
import { z } from 'zod';
import { zLocalDate } from './sessions.ts';
import { zLineText } from './text.ts';

export const CAMPAIGN_STATUSES = ['active', 'archived'] as const;
export const zCampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof zCampaignStatus>;

export const zCampaign = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: zLocalDate,
  electionDay: zLocalDate.nullable(),
  /** null: always open (such as "Medlemssamtal"). */
  endsOn: zLocalDate.nullable(),
  status: zCampaignStatus,
  copiedFrom: z.number().int().nullable(),
  archivedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Campaign = z.infer<typeof zCampaign>;

const datesInOrder = (c: { startsOn?: string; endsOn?: string | null }) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;
const DATES_MESSAGE = { message: 'endsOn must not be before startsOn', path: ['endsOn'] };

export const zCreateCampaign = z
  .strictObject({
    name: zLineText().min(1).max(120),
    startsOn: zLocalDate,
    electionDay: zLocalDate.optional(),
    endsOn: zLocalDate.optional(),
    /** A campaign to copy as a template: its rooms' session pattern, scripts and questions, no people. */
    copyFrom: z.number().int().positive().optional(),
  })
  .refine(datesInOrder, DATES_MESSAGE);
export type CreateCampaign = z.infer<typeof zCreateCampaign>;

export const zUpdateCampaign = z
  .strictObject({
    name: zLineText().min(1).max(120).optional(),
    startsOn: zLocalDate.optional(),
    electionDay: zLocalDate.nullable().optional(),
    endsOn: zLocalDate.nullable().optional(),
  })
  .refine(datesInOrder, DATES_MESSAGE);
export type UpdateCampaign = z.infer<typeof zUpdateCampaign>;

/** `POST /api/campaigns/{id}/archive`: the admin types the campaign's name, as for the purge. */
export const zArchiveCampaign = z.strictObject({ confirm: z.string() });
export const archiveConfirmation = (name: string) => `ARKIVERA ${name}`;

export const COMPARE_AXES = ['election', 'start'] as const;
export const zCompareAxis = z.enum(COMPARE_AXES);
export type CompareAxis = z.infer<typeof zCompareAxis>;

/** One day of a campaign on the chosen axis: days before election day (negative) or days since start (0 = first day). */
export const zCompareDay = z.object({
  day: z.number().int(),
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
  volunteers: z.number().int(),
  shifts: z.number().int(),
  hours: z.number(),
});
export type CompareDay = z.infer<typeof zCompareDay>;

export const zCompareResponse = z.object({
  campaigns: z.array(z.object({ id: z.number().int(), name: z.string(), days: z.array(zCompareDay) })),
});
export type CompareResponse = z.infer<typeof zCompareResponse>;

/** What `POST /api/campaigns/{id}/archive` deleted (or made anonymous), as counts. */
export const zCampaignArchived = z.object({
  contacts: z.number().int(),
  calls: z.number().int(),
  answers: z.number().int(),
  newHelpers: z.number().int(),
  /** Shifts whose volunteer's name became "Volontär N". */
  shifts: z.number().int(),
  /** Volunteers whose every booking was in this campaign: their details erased. */
  volunteers: z.number().int(),
});
export type CampaignArchived = z.infer<typeof zCampaignArchived>;

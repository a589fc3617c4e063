import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { activityHours, associations, callLists, campaigns, municipalities, settings, shifts } from '../../db/schema.ts';
import { ALL_TIME, hourSums, shiftMs } from '../figures/campaign-figures.ts';

/**
 * The demo setting that marks campaigns whose figures the simulator made (a JSON array of ids in
 * `settings`): only the demo seed writes it, so a real installation never shows the label.
 */
export const SYNTHETIC_CAMPAIGNS_KEY = 'synthetic_campaigns';

const association = sql.placeholder('association');
const campaign = sql.placeholder('campaign');

const campaignFields = {
  id: campaigns.id,
  name: campaigns.name,
  status: campaigns.status,
  startsOn: campaigns.startsOn,
  electionDay: campaigns.electionDay,
};

/**
 * Only what survives archiving: activity_hours (through their list's campaign) and the shifts
 * (names pseudonymised, so distinct volunteers still count right). `association` null: everyone's.
 */
export function createComparisonRepo(db: Db) {
  const hours = db
    .select({
      hourStart: activityHours.hourStart,
      associationId: associations.id,
      associationName: associations.name,
      municipalityCode: municipalities.code,
      municipalityName: municipalities.name,
      ...hourSums(),
    })
    .from(activityHours)
    .innerJoin(callLists, eq(callLists.id, activityHours.listId))
    .innerJoin(associations, eq(associations.id, callLists.associationId))
    .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
    .where(and(eq(callLists.campaignId, campaign), sql`(${association} IS NULL OR ${callLists.associationId} = ${association})`))
    .groupBy(activityHours.hourStart, associations.id)
    .orderBy(asc(activityHours.hourStart))
    .prepare();
  const shiftRows = db
    .select({ name: shifts.name, associationId: shifts.associationId, startedAt: shifts.startedAt, ms: shiftMs(ALL_TIME.from, ALL_TIME.to) })
    .from(shifts)
    .where(and(eq(shifts.campaignId, campaign), sql`(${association} IS NULL OR ${shifts.associationId} = ${association})`))
    .orderBy(asc(shifts.startedAt))
    .prepare();
  const syntheticSetting = db.select({ value: settings.value }).from(settings).where(eq(settings.key, SYNTHETIC_CAMPAIGNS_KEY)).prepare();

  function syntheticIds(): Set<number> {
    const value = syntheticSetting.get()?.value;
    if (!value) return new Set();
    const parsed: unknown = JSON.parse(value);
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is number => typeof id === 'number') : []);
  }

  return {
    /** The campaigns with these ids (in no particular order), each marked synthetic or not. */
    campaigns(ids: number[]) {
      const synthetic = syntheticIds();
      return db.select(campaignFields).from(campaigns).where(inArray(campaigns.id, ids)).all().map((row) => ({ ...row, synthetic: synthetic.has(row.id) }));
    },
    /** Every campaign, newest first. */
    allCampaigns() {
      const synthetic = syntheticIds();
      return db
        .select(campaignFields)
        .from(campaigns)
        .orderBy(desc(campaigns.startsOn), desc(campaigns.id))
        .all()
        .map((row) => ({ ...row, synthetic: synthetic.has(row.id) }));
    },
    /** Attempts, answers and conversations per clock hour and association. */
    hours: (campaignId: number, associationId: number | null) => hours.all({ campaign: campaignId, association: associationId }),
    /** The shifts with their time in milliseconds (an open one up to its volunteer's last sign). */
    shifts: (campaignId: number, associationId: number | null) => shiftRows.all({ campaign: campaignId, association: associationId }),
  };
}

export type ComparisonRepo = ReturnType<typeof createComparisonRepo>;
export type HourRow = ReturnType<ComparisonRepo['hours']>[number];
export type ShiftRow = ReturnType<ComparisonRepo['shifts']>[number];

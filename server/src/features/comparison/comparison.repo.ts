import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { activityHours, associations, callLists, campaigns, municipalities, settings, shifts } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { ALL_TIME, hourSums, shiftMs } from '../figures/campaign-figures.ts';

/**
 * The demo setting that marks campaigns whose figures the simulator made (a JSON array of ids in
 * `settings`): only the demo seed writes it, so a real installation never shows the label.
 */
export const SYNTHETIC_CAMPAIGNS_KEY = 'synthetic_campaigns';

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
export function createComparisonRepo() {
  /** One association's rows, or everyone's (null): decided here, so no parameter's type is left for PostgreSQL to guess. */
  const ofAssociation = (column: typeof callLists.associationId | typeof shifts.associationId, associationId: number | null) =>
    associationId === null ? undefined : eq(column, associationId);
  const hours = (q: Tx, campaignId: number, associationId: number | null) =>
    q.db
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
      .where(and(eq(callLists.campaignId, campaignId), ofAssociation(callLists.associationId, associationId)))
      .groupBy(activityHours.hourStart, associations.id, associations.name, municipalities.code, municipalities.name)
      .orderBy(asc(activityHours.hourStart));
  const shiftRows = (q: Tx, campaignId: number, associationId: number | null) =>
    q.db
      .select({ name: shifts.name, associationId: shifts.associationId, startedAt: shifts.startedAt, ms: shiftMs(ALL_TIME.from, ALL_TIME.to) })
      .from(shifts)
      .where(and(eq(shifts.campaignId, campaignId), ofAssociation(shifts.associationId, associationId)))
      .orderBy(asc(shifts.startedAt));

  async function syntheticIds(q: Tx): Promise<Set<number>> {
    const value = first(await q.db.select({ value: settings.value }).from(settings).where(eq(settings.key, SYNTHETIC_CAMPAIGNS_KEY)))?.value;
    if (!value) return new Set();
    const parsed: unknown = JSON.parse(value);
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is number => typeof id === 'number') : []);
  }

  return {
    /** The campaigns with these ids (in no particular order), each marked synthetic or not. */
    async campaigns(q: Tx, ids: number[]) {
      const synthetic = await syntheticIds(q);
      const rows = await q.db.select(campaignFields).from(campaigns).where(inArray(campaigns.id, ids));
      return rows.map((row) => ({ ...row, synthetic: synthetic.has(row.id) }));
    },
    /** Every campaign, newest first. */
    async allCampaigns(q: Tx) {
      const synthetic = await syntheticIds(q);
      const rows = await q.db.select(campaignFields).from(campaigns).orderBy(desc(campaigns.startsOn), desc(campaigns.id));
      return rows.map((row) => ({ ...row, synthetic: synthetic.has(row.id) }));
    },
    /** Attempts, answers and conversations per clock hour and association. */
    hours,
    /** The shifts with their time in milliseconds (an open one up to its volunteer's last sign). */
    shifts: shiftRows,
  };
}

export type ComparisonRepo = ReturnType<typeof createComparisonRepo>;
export type HourRow = Awaited<ReturnType<ComparisonRepo['hours']>>[number];
export type ShiftRow = Awaited<ReturnType<ComparisonRepo['shifts']>>[number];

import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { StandingFigures, StandingRow, Standings } from '@ringstuga/shared';
import { activityHours, associations, callLists, municipalities, shifts } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import { ALL_TIME, hourSums, inCampaign, inRoom, localDay, shiftMs, toHours } from '../figures/campaign-figures.ts';
import { listSums } from './leaderboard.repo.ts';
import { rankByConversations } from '../figures/ranking.ts';

// Standings per municipality and association, for every room or one. Reads only the per-list
// counters, activity_hours and shifts (never contacts or calls), so it can run on every push.
// Figures are gathered per association and summed up into municipalities here; volunteer hours
// are summed in milliseconds and rounded last, so a municipality's hours are not a sum of roundings.

interface Activity {
  personsCalled: number;
  attempts: number;
  answered: number;
  conversations: number;
}
/** One period's figures while they are being summed: volunteer time still in milliseconds. */
interface Acc extends Activity {
  contacts: number;
  ms: number;
}
interface Tally {
  today: Acc;
  campaign: Acc;
}

const acc = (contacts = 0): Acc => ({ contacts, personsCalled: 0, attempts: 0, answered: 0, conversations: 0, ms: 0 });

function addActivity(target: Acc, source: Activity): void {
  target.personsCalled += source.personsCalled;
  target.attempts += source.attempts;
  target.answered += source.answered;
  target.conversations += source.conversations;
}

function addAcc(target: Acc, source: Acc): void {
  addActivity(target, source);
  target.contacts += source.contacts;
  target.ms += source.ms;
}

const associationRows = (q: Tx, campaignId: number | null) =>
  q.db
    .select({
      id: associations.id,
      name: associations.name,
      code: municipalities.code,
      municipality: municipalities.name,
      ...listSums(),
    })
    .from(associations)
    .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
    .leftJoin(callLists, and(eq(callLists.associationId, associations.id), inCampaign(callLists.campaignId, campaignId)))
    .groupBy(associations.id, associations.name, municipalities.code, municipalities.name);

interface Range {
  room: number | null;
  campaign: number | null;
  from: number;
  to: number;
}

const activity = (q: Tx, { room, campaign, from, to }: Range) =>
  q.db
    .select({
      associationId: callLists.associationId,
      personsCalled: sql<number>`sum(${activityHours.personsCalled})`,
      ...hourSums(),
    })
    .from(activityHours)
    .innerJoin(callLists, eq(callLists.id, activityHours.listId))
    .where(
      and(
        gte(activityHours.hourStart, from),
        lt(activityHours.hourStart, to),
        inRoom(activityHours.roomId, room),
        inCampaign(callLists.campaignId, campaign),
      ),
    )
    .groupBy(callLists.associationId);

// Shifts without an association (calling for the whole district) belong to no row.
const shiftMsRows = (q: Tx, { room, campaign, from, to }: Range) =>
  q.db
    .select({ associationId: shifts.associationId, ms: sql<number>`sum(${shiftMs(from, to)})` })
    .from(shifts)
    .where(and(isNotNull(shifts.associationId), lt(shifts.startedAt, to), inRoom(shifts.roomId, room), inCampaign(shifts.campaignId, campaign)))
    .groupBy(shifts.associationId);

export function createStandingsRepo(options: { timeZone: string }) {
  return {
    /**
     * roomId null: every room; otherwise only what that room's stations did (contacts stay
     * whole-list). campaignId null: every active campaign; otherwise that one.
     */
    async standings(q: Tx, roomId: number | null, now: number, campaignId: number | null = null): Promise<Standings> {
      const rows = await associationRows(q, campaignId);
      const tallies = new Map<number, Tally>();
      for (const row of rows) {
        // Every room: the list counters are the campaign. One room: its activity_hours, added below.
        const campaign = acc(row.contacts);
        if (roomId === null) addActivity(campaign, row);
        tallies.set(row.id, { today: acc(row.contacts), campaign });
      }
      const sum = async (period: keyof Tally, range: { from: number; to: number }, withActivity: boolean) => {
        if (withActivity) {
          for (const source of await activity(q, { room: roomId, campaign: campaignId, ...range })) {
            const target = tallies.get(source.associationId)?.[period];
            if (target) addActivity(target, source);
          }
        }
        for (const source of await shiftMsRows(q, { room: roomId, campaign: campaignId, ...range })) {
          const target = tallies.get(source.associationId!)?.[period];
          if (target) target.ms += source.ms;
        }
      };
      const day = localDay(now, options.timeZone);
      await sum('today', { from: day.start, to: day.end }, true);
      await sum('campaign', ALL_TIME, roomId !== null);

      const byCode = new Map<string, { name: string; tally: Tally }>();
      for (const m of await q.db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities)) {
        byCode.set(m.code, { name: m.name, tally: { today: acc(), campaign: acc() } });
      }
      for (const row of rows) {
        const own = tallies.get(row.id)!;
        const municipality = byCode.get(row.code)!.tally;
        addAcc(municipality.today, own.today);
        addAcc(municipality.campaign, own.campaign);
      }
      return {
        roomId,
        campaignId,
        municipalities: ranked([...byCode].map(([code, { name, tally }]) => standingRow(code, name, null, tally))),
        associations: ranked(rows.map((row) => standingRow(String(row.id), row.name, row.municipality, tallies.get(row.id)!))),
      };
    },
  };
}

export type StandingsRepo = ReturnType<typeof createStandingsRepo>;

function figures({ contacts, personsCalled, attempts, answered, conversations, ms }: Acc): StandingFigures {
  return { contacts, personsCalled, attempts, answered, conversations, volunteerHours: toHours(ms) };
}

function standingRow(key: string, name: string, municipality: string | null, tally: Tally): StandingRow {
  return { key, name, municipality, today: figures(tally.today), campaign: figures(tally.campaign) };
}

const ranked = (rows: StandingRow[]) => rankByConversations(rows, (row) => ({ name: row.name, ...row.campaign }));

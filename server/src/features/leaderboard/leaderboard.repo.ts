import { type AnyColumn, eq, inArray, sql } from 'drizzle-orm';
import type { Leaderboard, Totals } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { associations, callLists, municipalities } from '../../db/schema.ts';
import { rankByConversations } from '../figures/ranking.ts';

// Sums the per-list counters (a few dozen rows), never the contacts or calls tables.
const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`;
export const listSums = () => ({
  contacts: total(callLists.contactsCount),
  personsCalled: total(callLists.personsCalled),
  attempts: total(callLists.attempts),
  answered: total(callLists.answered),
  conversations: total(callLists.conversations),
});

export function createLeaderboardRepo(db: Db) {
  // Built once: the leaderboard is read on every push.
  const byMunicipality = db
    .select({ code: municipalities.code, name: municipalities.name, ...listSums() })
    .from(municipalities)
    .leftJoin(associations, eq(associations.municipalityCode, municipalities.code))
    .leftJoin(callLists, eq(callLists.associationId, associations.id))
    .groupBy(municipalities.code)
    .prepare();
  return {
    leaderboard: (): Leaderboard => ({ municipalities: rankByConversations(byMunicipality.all(), (row) => row) }),
    /** The totals of these campaigns' lists, or of every list (an admin's read: built when asked). */
    totals: (campaignIds?: readonly number[]): Totals =>
      db
        .select(listSums())
        .from(callLists)
        .where(campaignIds && inArray(callLists.campaignId, [...campaignIds]))
        .get()!,
  };
}

export type LeaderboardRepo = ReturnType<typeof createLeaderboardRepo>;

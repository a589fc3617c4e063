import { type AnyColumn, and, eq, sql } from 'drizzle-orm';
import type { Leaderboard, Totals } from '@ringstuga/shared';
import { associations, callLists, municipalities } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { activeCampaigns, inCampaign } from '../figures/campaign-figures.ts';
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

type Standing = Leaderboard['municipalities'][number];

// Every municipality, zeros too.
const byMunicipality = (q: Tx, campaignId: number | null) =>
  q.db
    .select({ code: municipalities.code, name: municipalities.name, ...listSums() })
    .from(municipalities)
    .leftJoin(associations, eq(associations.municipalityCode, municipalities.code))
    .leftJoin(callLists, and(eq(callLists.associationId, associations.id), inCampaign(callLists.campaignId, campaignId)))
    .groupBy(municipalities.code, municipalities.name);

const ranked = async (q: Tx, campaignId: number | null): Promise<Standing[]> =>
  rankByConversations(await byMunicipality(q, campaignId), (row) => row);

/** The per-municipality leaderboard every station shows (read on every push). */
export function createLeaderboardRepo() {
  return {
    /**
     * Every active campaign together; where several are active, each one's own ranking too (one
     * active campaign, the usual case, sends no second copy to every station each second).
     */
    async leaderboard(q: Tx): Promise<Leaderboard> {
      const running = await activeCampaigns(q);
      const campaigns: Leaderboard['campaigns'] = [];
      if (running.length > 1) {
        for (const { id, name } of running) campaigns.push({ id, name, municipalities: await ranked(q, id) });
      }
      return { municipalities: await ranked(q, null), campaigns };
    },
    /** campaignId null: every active campaign. */
    totals: async (q: Tx, campaignId: number | null = null): Promise<Totals> =>
      first(await q.db.select(listSums()).from(callLists).where(inCampaign(callLists.campaignId, campaignId)))!,
  };
}

export type LeaderboardRepo = ReturnType<typeof createLeaderboardRepo>;

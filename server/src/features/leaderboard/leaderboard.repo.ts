import { type AnyColumn, and, eq, sql } from 'drizzle-orm';
import type { Leaderboard, Totals } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { associations, callLists, municipalities } from '../../db/schema.ts';
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

export function createLeaderboardRepo(db: Db) {
  // Built once: the leaderboard is read on every push. Every municipality, zeros too.
  const campaign = sql.placeholder('campaign');
  const byMunicipality = db
    .select({ code: municipalities.code, name: municipalities.name, ...listSums() })
    .from(municipalities)
    .leftJoin(associations, eq(associations.municipalityCode, municipalities.code))
    .leftJoin(callLists, and(eq(callLists.associationId, associations.id), inCampaign(callLists.campaignId, campaign)))
    .groupBy(municipalities.code)
    .prepare();
  const active = activeCampaigns(db);
  const totals = db.select(listSums()).from(callLists).where(inCampaign(callLists.campaignId, campaign)).prepare();
  const ranked = (campaignId: number | null): Standing[] => rankByConversations(byMunicipality.all({ campaign: campaignId }), (row) => row);
  return {
    /**
     * Every active campaign together; where several are active, each one's own ranking too (one
     * active campaign, the usual case, sends no second copy to every station each second).
     */
    leaderboard(): Leaderboard {
      const running = active.all();
      return {
        municipalities: ranked(null),
        campaigns: running.length > 1 ? running.map(({ id, name }) => ({ id, name, municipalities: ranked(id) })) : [],
      };
    },
    /** campaignId null: every active campaign. */
    totals: (campaignId: number | null = null): Totals => totals.get({ campaign: campaignId })!,
  };
}

export type LeaderboardRepo = ReturnType<typeof createLeaderboardRepo>;

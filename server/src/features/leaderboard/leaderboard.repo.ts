import { type AnyColumn, sql } from 'drizzle-orm';
import type { Leaderboard, Totals } from '@ringstuga/shared';
import { callLists } from '../../db/schema.ts';
import { statement } from '../../db/store/statement.ts';
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

/**
 * Every municipality, zeros too; @campaign null: every active campaign. Hand-written and prepared
 * once (a drizzle query built on every push cost about 3× the read itself): inCampaign's and
 * listSums' SQL, written out.
 */
const BY_MUNICIPALITY = statement<{ campaign: number | null }, Standing>(
  `SELECT m.code, m.name, coalesce(sum(l.contacts_count), 0) AS contacts, coalesce(sum(l.persons_called), 0) AS "personsCalled",
     coalesce(sum(l.attempts), 0) AS attempts, coalesce(sum(l.answered), 0) AS answered, coalesce(sum(l.conversations), 0) AS conversations
   FROM municipalities m
   LEFT JOIN associations a ON a.municipality_code = m.code
   LEFT JOIN call_lists l ON l.association_id = a.id
     AND (CASE WHEN CAST(@campaign AS BIGINT) IS NULL THEN l.campaign_id IN (SELECT id FROM campaigns WHERE status = 'active') ELSE l.campaign_id = @campaign END)
   GROUP BY m.code, m.name`,
);
const byMunicipality = (q: Tx, campaignId: number | null) => q.all(BY_MUNICIPALITY, { campaign: campaignId });

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

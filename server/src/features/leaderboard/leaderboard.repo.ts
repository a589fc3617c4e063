import type { Database } from 'better-sqlite3';
import type { Leaderboard, Totals } from '@ringstuga/shared';
import { rankByConversations } from '../figures/ranking.ts';

// Sums the per-list counters (a few dozen rows), never the contacts or calls tables.
const SUMS = `COALESCE(SUM(l.contacts_count), 0) AS contacts, COALESCE(SUM(l.persons_called), 0) AS personsCalled,
  COALESCE(SUM(l.attempts), 0) AS attempts, COALESCE(SUM(l.answered), 0) AS answered,
  COALESCE(SUM(l.conversations), 0) AS conversations`;

export function createLeaderboardRepo(sqlite: Database) {
  const byMunicipality = sqlite.prepare(
    `SELECT m.code, m.name, ${SUMS}
     FROM municipalities m
     LEFT JOIN associations a ON a.municipality_code = m.code
     LEFT JOIN call_lists l ON l.association_id = a.id
     GROUP BY m.code`,
  );
  const totals = sqlite.prepare(`SELECT ${SUMS} FROM call_lists l`);
  return {
    leaderboard: (): Leaderboard => ({ municipalities: rankByConversations(byMunicipality.all() as Leaderboard['municipalities'], (row) => row) }),
    totals: () => totals.get() as Totals,
  };
}

export type LeaderboardRepo = ReturnType<typeof createLeaderboardRepo>;

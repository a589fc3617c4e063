import { sql } from 'drizzle-orm';
import { OUTCOME_RULES, OUTCOMES, type Totals } from '@ringstuga/shared';
import type { Store } from '../../server/src/db/store/store.ts';

// From the vocabulary's own rules, not the server's SQL lists: the recount must not share the code it checks.
const REACHED = OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].reached)
  .map((outcome) => `'${outcome}'`)
  .join(', ');

export type MunicipalityTotals = Totals & { code: string };

/** The leaderboard figures recounted straight from the contacts and call rows, bypassing the counters (SQL both stores run). */
const RECOUNT_SQL = `SELECT m.code,
   (SELECT COUNT(*) FROM contacts c JOIN call_lists l ON l.id = c.list_id JOIN associations a ON a.id = l.association_id
    WHERE a.municipality_code = m.code) AS contacts,
   COUNT(DISTINCT k.contact_id) AS "personsCalled",
   COUNT(k.id) AS attempts,
   COUNT(k.id) FILTER (WHERE k.outcome IN (${REACHED})) AS answered,
   COUNT(k.id) FILTER (WHERE k.outcome = 'conversation') AS conversations
 FROM municipalities m
 LEFT JOIN associations a ON a.municipality_code = m.code
 LEFT JOIN call_lists l ON l.association_id = a.id
 LEFT JOIN calls k ON k.list_id = l.id
 GROUP BY m.code ORDER BY m.code`;

/** The leaderboard's figures as the per-list counters hold them (every active campaign's lists), to compare with the recount. */
const COUNTERS_SQL = `SELECT m.code,
   COALESCE(SUM(l.contacts_count), 0) AS contacts,
   COALESCE(SUM(l.persons_called), 0) AS "personsCalled",
   COALESCE(SUM(l.attempts), 0) AS attempts,
   COALESCE(SUM(l.answered), 0) AS answered,
   COALESCE(SUM(l.conversations), 0) AS conversations
 FROM municipalities m
 LEFT JOIN associations a ON a.municipality_code = m.code
 LEFT JOIN call_lists l ON l.association_id = a.id AND l.campaign_id IN (SELECT id FROM campaigns WHERE status = 'active')
 GROUP BY m.code ORDER BY m.code`;

export function recountByMunicipality(store: Store): Promise<MunicipalityTotals[]> {
  return store.read((q) => q.all<MunicipalityTotals>(sql.raw(RECOUNT_SQL)));
}

export function countersByMunicipality(store: Store): Promise<MunicipalityTotals[]> {
  return store.read((q) => q.all<MunicipalityTotals>(sql.raw(COUNTERS_SQL)));
}

import type { Database } from 'better-sqlite3';
import { OUTCOME_RULES, OUTCOMES, type Totals } from '@ringstuga/shared';

// From the vocabulary's own rules, not the server's SQL lists: the recount must not share the code it checks.
const REACHED = OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].reached)
  .map((outcome) => `'${outcome}'`)
  .join(', ');

/** The leaderboard figures recounted straight from the contacts and call rows, bypassing the counters. */
export function recountByMunicipality(sqlite: Database): (Totals & { code: string })[] {
  return sqlite
    .prepare(
      `SELECT m.code,
         (SELECT COUNT(*) FROM contacts c JOIN call_lists l ON l.id = c.list_id JOIN associations a ON a.id = l.association_id
          WHERE a.municipality_code = m.code) AS contacts,
         COUNT(DISTINCT k.contact_id) AS personsCalled,
         COUNT(k.id) AS attempts,
         COALESCE(SUM(k.outcome IN (${REACHED})), 0) AS answered,
         COALESCE(SUM(k.outcome = 'conversation'), 0) AS conversations
       FROM municipalities m
       LEFT JOIN associations a ON a.municipality_code = m.code
       LEFT JOIN call_lists l ON l.association_id = a.id
       LEFT JOIN calls k ON k.list_id = l.id
       GROUP BY m.code ORDER BY m.code`,
    )
    .all() as (Totals & { code: string })[];
}

/**
 * The leaderboard's figures as the per-list counters hold them (every active campaign's lists), read
 * synchronously: the counters the server keeps, to compare with the recount above.
 */
export function countersByMunicipality(sqlite: Database): (Totals & { code: string })[] {
  return sqlite
    .prepare(
      `SELECT m.code,
         COALESCE(SUM(l.contacts_count), 0) AS contacts,
         COALESCE(SUM(l.persons_called), 0) AS personsCalled,
         COALESCE(SUM(l.attempts), 0) AS attempts,
         COALESCE(SUM(l.answered), 0) AS answered,
         COALESCE(SUM(l.conversations), 0) AS conversations
       FROM municipalities m
       LEFT JOIN associations a ON a.municipality_code = m.code
       LEFT JOIN call_lists l ON l.association_id = a.id AND l.campaign_id IN (SELECT id FROM campaigns WHERE status = 'active')
       GROUP BY m.code ORDER BY m.code`,
    )
    .all() as (Totals & { code: string })[];
}

import pg from 'pg';
import { OUTCOME_RULES, OUTCOMES } from '@ringstuga/shared';
import type { OutcomeReport } from '../station-loop.ts';

// As test/helpers/recount.ts: from the vocabulary's own rules, not the server's SQL.
const REACHED = OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].reached)
  .map((outcome) => `'${outcome}'`)
  .join(', ');

/** Straight SQL on the nodes' database, bypassing the app: what the checks below read. */
export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const column = async <T>(client: pg.Client, text: string): Promise<T[]> => (await client.query<{ v: T }>(text)).rows.map((row) => row.v);

/**
 * What must stay empty whenever it is read: contacts and numbers (whichever list they stand on) held
 * by two active assignments, held contacts without an active lease on their number, and active
 * leases whose contact is not held (allocator invariant 2: every contact with a held number is 'held').
 */
export async function doubleHeld(client: pg.Client): Promise<{ contacts: number[]; numbers: string[]; heldWithoutLease: number[]; leaseNotHeld: string[] }> {
  return {
    contacts: await column(client, `SELECT contact_id AS v FROM assignments WHERE status = 'active' GROUP BY contact_id HAVING COUNT(*) > 1`),
    numbers: await column(client, `SELECT phone AS v FROM assignments WHERE status = 'active' GROUP BY phone HAVING COUNT(*) > 1`),
    heldWithoutLease: await column(
      client,
      `SELECT id AS v FROM contacts c WHERE status = 'held' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`,
    ),
    leaseNotHeld: await column(
      client,
      `SELECT a.id AS v FROM assignments a JOIN contacts c ON c.id = a.contact_id WHERE a.status = 'active' AND c.status <> 'held'`,
    ),
  };
}

/** `doubleHeld` when all is well. */
export const NONE_HELD_TWICE = { contacts: [], numbers: [], heldWithoutLease: [], leaseNotHeld: [] };

type Figures = { code: string; contacts: number; personsCalled: number; attempts: number; answered: number; conversations: number };

/** The per-list counters the nodes keep, summed per municipality over the active campaigns' lists. */
export async function counters(client: pg.Client): Promise<Figures[]> {
  const { rows } = await client.query<Figures>(
    `SELECT m.code,
       COALESCE(SUM(l.contacts_count), 0)::int AS "contacts",
       COALESCE(SUM(l.persons_called), 0)::int AS "personsCalled",
       COALESCE(SUM(l.attempts), 0)::int AS "attempts",
       COALESCE(SUM(l.answered), 0)::int AS "answered",
       COALESCE(SUM(l.conversations), 0)::int AS "conversations"
     FROM municipalities m
     LEFT JOIN associations a ON a.municipality_code = m.code
     LEFT JOIN call_lists l ON l.association_id = a.id AND l.campaign_id IN (SELECT id FROM campaigns WHERE status = 'active')
     GROUP BY m.code ORDER BY m.code`,
  );
  return rows;
}

/** The same figures recounted from the contact and call rows. */
export async function recount(client: pg.Client): Promise<Figures[]> {
  const { rows } = await client.query<Figures>(
    `SELECT m.code,
       (SELECT COUNT(*) FROM contacts c JOIN call_lists l ON l.id = c.list_id JOIN associations a ON a.id = l.association_id
        WHERE a.municipality_code = m.code)::int AS "contacts",
       COUNT(DISTINCT k.contact_id)::int AS "personsCalled",
       COUNT(k.id)::int AS "attempts",
       COUNT(*) FILTER (WHERE k.outcome IN (${REACHED}))::int AS "answered",
       COUNT(*) FILTER (WHERE k.outcome = 'conversation')::int AS "conversations"
     FROM municipalities m
     LEFT JOIN associations a ON a.municipality_code = m.code
     LEFT JOIN call_lists l ON l.association_id = a.id
     LEFT JOIN calls k ON k.list_id = l.id
     GROUP BY m.code ORDER BY m.code`,
  );
  return rows;
}

/** Contacts whose attempts differ from their call rows (counted twice or half). */
export const attemptDrift = (client: pg.Client): Promise<number[]> =>
  column(client, `SELECT id AS v FROM contacts c WHERE attempts <> (SELECT COUNT(*) FROM calls k WHERE k.contact_id = c.id)`);

/** Reports whose call row is missing or carries another outcome. */
export async function missingOutcomes(client: pg.Client, reports: readonly OutcomeReport[]): Promise<OutcomeReport[]> {
  const { rows } = await client.query<{ assignment_id: string; outcome: string }>(
    `SELECT assignment_id, outcome FROM calls WHERE assignment_id IS NOT NULL`,
  );
  const recorded = new Map(rows.map((row) => [row.assignment_id, row.outcome]));
  return reports.filter((report) => recorded.get(report.assignmentId) !== report.outcome);
}

export async function callRowsFor(client: pg.Client, assignmentId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM calls WHERE assignment_id = $1`, [assignmentId]);
  return rows[0]!.n;
}

/** Each station's active lease (assignment id), by station id. */
export async function activeLeases(client: pg.Client): Promise<Map<number, string>> {
  const { rows } = await client.query<{ station_id: number; id: string }>(`SELECT station_id, id FROM assignments WHERE status = 'active'`);
  return new Map(rows.map((row) => [row.station_id, row.id]));
}

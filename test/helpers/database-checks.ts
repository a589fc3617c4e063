import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Store } from '../../server/src/db/store/store.ts';
import { countersByMunicipality, recountByMunicipality } from './recount.ts';
import type { OutcomeReport } from './station-loop.ts';

const ids = async (store: Store, query: string): Promise<number[]> =>
  (await store.read((q) => q.all<{ id: number }>(sql.raw(query)))).map((row) => row.id);

/**
 * The ledger adds up: the counters equal a recount from the call rows, every contact's attempts
 * equal its call rows (so nothing was counted twice or half), and holds match active leases.
 */
export async function expectConsistent(store: Store): Promise<void> {
  expect(await countersByMunicipality(store)).toEqual(await recountByMunicipality(store));

  const drift = await ids(store, `SELECT id FROM contacts c WHERE attempts <> (SELECT COUNT(*) FROM calls k WHERE k.contact_id = c.id) ORDER BY id`);
  expect(drift, 'contacts whose attempts differ from their call rows').toEqual([]);
  const totals = await store.read((q) =>
    q.get<{ attempts: number; calls: number }>(sql`SELECT COALESCE((SELECT SUM(attempts) FROM contacts), 0) AS attempts, (SELECT COUNT(*) FROM calls) AS calls`),
  );
  expect(totals!.attempts).toBe(totals!.calls);

  const heldWithoutLease = await ids(
    store,
    `SELECT id FROM contacts c WHERE status = 'held'
     AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active') ORDER BY id`,
  );
  expect(heldWithoutLease, 'held contacts without an active lease').toEqual([]);
  const leaseNotHeld = await store.read((q) =>
    q.all<{ id: string }>(sql`SELECT a.id FROM assignments a JOIN contacts c ON c.id = a.contact_id WHERE a.status = 'active' AND c.status <> 'held' ORDER BY a.id`),
  );
  expect(leaseNotHeld, 'active leases whose contact is not held').toEqual([]);
}

/** The outcome recorded for each assignment (the calls table's idempotency key). */
export async function recordedOutcomes(store: Store): Promise<Map<string, string>> {
  const rows = await store.read((q) =>
    q.all<{ assignmentId: string; outcome: string }>(sql`SELECT assignment_id AS "assignmentId", outcome FROM calls WHERE assignment_id IS NOT NULL`),
  );
  return new Map(rows.map((row) => [row.assignmentId, row.outcome]));
}

/** Reports whose call row is missing or carries another outcome. */
export async function missingOutcomes(store: Store, reports: OutcomeReport[]): Promise<OutcomeReport[]> {
  const recorded = await recordedOutcomes(store);
  return reports.filter((report) => recorded.get(report.assignmentId) !== report.outcome);
}

export interface ActiveLease {
  id: string;
  expiresAt: number;
}

/** Each station's active lease, by station id. */
export async function activeLeases(store: Store): Promise<Map<number, ActiveLease>> {
  const rows = await store.read((q) =>
    q.all<{ stationId: number; id: string; expiresAt: number }>(
      sql`SELECT station_id AS "stationId", id, expires_at AS "expiresAt" FROM assignments WHERE status = 'active'`,
    ),
  );
  return new Map(rows.map(({ stationId, id, expiresAt }) => [stationId, { id, expiresAt }]));
}

export async function callRowsFor(store: Store, assignmentId: string): Promise<number> {
  return (await store.read((q) => q.value<number>(sql`SELECT COUNT(*) FROM calls WHERE assignment_id = ${assignmentId}`))) ?? 0;
}

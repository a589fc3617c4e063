import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { countersByMunicipality, recountByMunicipality } from './recount.ts';
import type { OutcomeReport } from './station-loop.ts';

/**
 * The ledger adds up: the counters equal a recount from the call rows, every contact's attempts
 * equal its call rows (so nothing was counted twice or half), and holds match active leases.
 */
export function expectConsistent(sqlite: Database): void {
  expect(countersByMunicipality(sqlite)).toEqual(recountByMunicipality(sqlite));

  const drift = sqlite
    .prepare(`SELECT id FROM contacts c WHERE attempts <> (SELECT COUNT(*) FROM calls k WHERE k.contact_id = c.id)`)
    .pluck()
    .all();
  expect(drift, 'contacts whose attempts differ from their call rows').toEqual([]);
  const totals = sqlite.prepare(`SELECT (SELECT SUM(attempts) FROM contacts) AS attempts, (SELECT COUNT(*) FROM calls) AS calls`).get();
  const { attempts, calls } = totals as { attempts: number; calls: number };
  expect(attempts).toBe(calls);

  const heldWithoutLease = sqlite
    .prepare(
      `SELECT id FROM contacts c WHERE status = 'held'
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`,
    )
    .pluck()
    .all();
  expect(heldWithoutLease, 'held contacts without an active lease').toEqual([]);
  const leaseNotHeld = sqlite
    .prepare(`SELECT a.id FROM assignments a JOIN contacts c ON c.id = a.contact_id WHERE a.status = 'active' AND c.status <> 'held'`)
    .pluck()
    .all();
  expect(leaseNotHeld, 'active leases whose contact is not held').toEqual([]);
}

/** The outcome recorded for each assignment (the calls table's idempotency key). */
export function recordedOutcomes(sqlite: Database): Map<string, string> {
  const rows = sqlite.prepare(`SELECT assignment_id, outcome FROM calls WHERE assignment_id IS NOT NULL`).raw().all();
  return new Map(rows as [string, string][]);
}

/** Reports whose call row is missing or carries another outcome. */
export function missingOutcomes(sqlite: Database, reports: OutcomeReport[]): OutcomeReport[] {
  const recorded = recordedOutcomes(sqlite);
  return reports.filter((report) => recorded.get(report.assignmentId) !== report.outcome);
}

export interface ActiveLease {
  id: string;
  expiresAt: number;
}

/** Each station's active lease, by station id. */
export function activeLeases(sqlite: Database): Map<number, ActiveLease> {
  const rows = sqlite.prepare(`SELECT station_id, id, expires_at FROM assignments WHERE status = 'active'`).raw().all();
  return new Map((rows as [number, string, number][]).map(([stationId, id, expiresAt]) => [stationId, { id, expiresAt }]));
}

export function callRowsFor(sqlite: Database, assignmentId: string): number {
  return sqlite.prepare(`SELECT COUNT(*) FROM calls WHERE assignment_id = ?`).pluck().get(assignmentId) as number;
}

/**
 * Hands out contacts to stations. Everything here runs inside one synchronous SQLite
 * transaction per call, so no two stations ever interleave inside a claim.
 *
 * Invariants (tests in test/integration/allocation*.test.ts attack them):
 *  1. A station holds at most one active assignment; asking again returns the same one.
 *  2. A phone number is held by at most one active assignment, whichever list it stands on.
 *     While held, every not-done contact with that number has status 'held'; no other
 *     path sets 'held'. (The partial unique indexes on assignments back 1 and 2 in the schema.)
 *  3. A number on the do-not-call list is never handed out (checked at claim as well as
 *     closed at write time, so a number added by any path is covered).
 *  4. A contact is offered only while 'ready' and due (next_call_at <= now), in the order
 *     priority, next_call_at (fresh contacts have 0, so they come before retries), then the
 *     list with the least coverage so far (so a station calling every list spreads its calls
 *     fairly over the associations instead of draining one list first), then id.
 *  5. Expiry and skip return the contact (and its number's other contacts) to 'ready'
 *     without counting an attempt. Only an outcome counts an attempt.
 *
 * Raw prepared statements on purpose: this is the hot path, and the partial index
 * `contacts_claim` is only used when `status = 'ready'` and `LIMIT 1` stay literal.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { EmptyReason } from '@ringstuga/shared';
import type { CallingClock } from './calling-hours.ts';

export const PRIORITIES = [1, 2, 3] as const;

export interface AssignmentRow {
  id: string;
  station_id: number;
  contact_id: number;
  phone: string;
  status: 'active' | 'completed' | 'skipped' | 'expired';
  created_at: number;
  expires_at: number;
}

interface Candidate {
  id: number;
  phone: string;
  priority: number;
  next_call_at: number;
  coverage: number;
}

interface ListInScope {
  id: number;
  coverage: number; // persons called / contacts, from the list's counters
}

export type ClaimResult =
  | { assignment: AssignmentRow; resumed: boolean }
  | { assignment: null; reason: EmptyReason; nextAvailableAt?: number };

export interface AllocatorOptions {
  leaseMs: number;
  clock: CallingClock;
}

export class Allocator {
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly claimTx: Transaction<(stationId: number, now: number) => ClaimResult>;

  constructor(
    private readonly sqlite: Database,
    private readonly options: AllocatorOptions,
  ) {
    this.s = prepareStatements(sqlite);
    this.claimTx = sqlite.transaction((stationId: number, now: number) => this.claimInside(stationId, now));
  }

  /** The station's current assignment, or a new one, or why there is none. */
  claim(stationId: number, now: number): ClaimResult {
    return this.claimTx.immediate(stationId, now);
  }

  /** Returns leases past their expiry to the queue. Runs inside every claim; cheap when none are due. */
  expireDue(now: number): number {
    const due = this.s.dueLeases.all(now) as Pick<AssignmentRow, 'id' | 'phone'>[];
    for (const lease of due) {
      this.s.expireLease.run(now, lease.id);
      this.s.releasePhone.run(lease.phone);
    }
    return due.length;
  }

  findLease(id: string): AssignmentRow | undefined {
    return this.s.lease.get(id) as AssignmentRow | undefined;
  }

  /** Ends a lease without an attempt; the contact goes to the back of its due queue. Call inside a transaction. */
  releaseSkipped(lease: AssignmentRow, now: number): void {
    this.s.endLease.run('skipped', now, lease.id);
    this.s.releasePhone.run(lease.phone);
    this.s.requeue.run(now, lease.contact_id);
  }

  /**
   * Ends a lease (active, or expired but reported late) because its outcome was recorded.
   * The caller sets the contact's own new state in the same transaction.
   */
  completeLease(lease: AssignmentRow, now: number): void {
    this.s.endLease.run('completed', now, lease.id);
    if (lease.status === 'active') this.s.releasePhone.run(lease.phone);
  }

  private claimInside(stationId: number, now: number): ClaimResult {
    this.expireDue(now);
    const held = this.s.stationLease.get(stationId) as AssignmentRow | undefined;
    if (held) return { assignment: held, resumed: true };

    const { clock } = this.options;
    if (!clock.isOpen(now)) {
      return { assignment: null, reason: 'outside_calling_hours', nextAvailableAt: clock.nextOpening(now) };
    }

    const lists = this.scope(stationId);
    for (;;) {
      const candidate = this.bestCandidate(lists, now);
      if (!candidate) return this.whyEmpty(lists);
      // A number added to do-not-call by another path is closed here, then the next one is tried.
      if (this.s.onDoNotCall.get(candidate.phone)) {
        this.s.closeDoNotCall.run(candidate.phone);
        continue;
      }
      if (this.s.phoneLeased.get(candidate.phone)) {
        // Defensive: a contact added while its number was leased elsewhere joins that hold.
        this.s.holdPhone.run(candidate.phone);
        continue;
      }
      this.s.holdPhone.run(candidate.phone);
      const lease = this.s.insertLease.get(
        randomUUID(),
        stationId,
        candidate.id,
        candidate.phone,
        now,
        now + this.options.leaseMs,
      ) as AssignmentRow;
      return { assignment: lease, resumed: false };
    }
  }

  private scope(stationId: number): ListInScope[] {
    const station = this.s.stationScope.get(stationId) as { list_id: number | null } | undefined;
    return (
      station?.list_id != null ? this.s.listIfActive.all(station.list_id) : this.s.activeLists.all()
    ) as ListInScope[];
  }

  /** One index seek per list; the best head across lists wins. */
  private bestCandidate(lists: ListInScope[], now: number): Candidate | undefined {
    let best: Candidate | undefined;
    for (const list of lists) {
      const head = this.s.probe.get(list.id, now) as Omit<Candidate, 'coverage'> | undefined;
      if (!head) continue;
      const candidate = { ...head, coverage: list.coverage };
      if (!best || compareCandidates(candidate, best) < 0) best = candidate;
    }
    return best;
  }

  private whyEmpty(lists: ListInScope[]): ClaimResult {
    let earliestReady: number | undefined;
    let earliestLeaseEnd: number | undefined;
    for (const { id: listId } of lists) {
      for (const priority of PRIORITIES) {
        const row = this.s.earliestReady.get(listId, priority) as { next_call_at: number } | undefined;
        if (row && (earliestReady === undefined || row.next_call_at < earliestReady)) earliestReady = row.next_call_at;
      }
      const lease = this.s.earliestLeaseEnd.get(listId) as { expires_at: number } | undefined;
      if (lease && (earliestLeaseEnd === undefined || lease.expires_at < earliestLeaseEnd)) {
        earliestLeaseEnd = lease.expires_at;
      }
    }
    if (earliestReady !== undefined) {
      return { assignment: null, reason: 'cooling_down', nextAvailableAt: this.options.clock.nextOpening(earliestReady) };
    }
    if (earliestLeaseEnd !== undefined) {
      return { assignment: null, reason: 'all_held', nextAvailableAt: earliestLeaseEnd };
    }
    return { assignment: null, reason: 'list_empty' };
  }
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.priority - b.priority || a.next_call_at - b.next_call_at || a.coverage - b.coverage || a.id - b.id;
}

const COVERAGE = `CAST(persons_called AS REAL) / MAX(contacts_count, 1) AS coverage`;

function prepareStatements(sqlite: Database) {
  const prepare = (sql: string): Statement => sqlite.prepare(sql);
  return {
    dueLeases: prepare(`SELECT id, phone FROM assignments WHERE status = 'active' AND expires_at <= ?`),
    expireLease: prepare(`UPDATE assignments SET status = 'expired', ended_at = ? WHERE id = ?`),
    releasePhone: prepare(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
    holdPhone: prepare(`UPDATE contacts SET status = 'held' WHERE phone = ? AND status = 'ready'`),
    stationLease: prepare(`SELECT * FROM assignments WHERE station_id = ? AND status = 'active'`),
    phoneLeased: prepare(`SELECT 1 FROM assignments WHERE phone = ? AND status = 'active'`),
    stationScope: prepare(`SELECT list_id FROM stations WHERE id = ?`),
    activeLists: prepare(`SELECT id, ${COVERAGE} FROM call_lists WHERE active = 1 ORDER BY id`),
    listIfActive: prepare(`SELECT id, ${COVERAGE} FROM call_lists WHERE id = ? AND active = 1`),
    probe: prepare(
      `SELECT id, phone, priority, next_call_at FROM contacts
       WHERE list_id = ? AND status = 'ready' AND priority IN (1, 2, 3) AND next_call_at <= ?
       ORDER BY priority, next_call_at, id LIMIT 1`,
    ),
    onDoNotCall: prepare(`SELECT 1 FROM do_not_call WHERE phone = ?`),
    closeDoNotCall: prepare(
      `UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = ? AND status = 'ready'`,
    ),
    insertLease: prepare(
      `INSERT INTO assignments (id, station_id, contact_id, phone, status, created_at, expires_at)
       VALUES (?, ?, ?, ?, 'active', ?, ?) RETURNING *`,
    ),
    earliestReady: prepare(
      `SELECT next_call_at FROM contacts WHERE list_id = ? AND priority = ? AND status = 'ready'
       ORDER BY next_call_at LIMIT 1`,
    ),
    earliestLeaseEnd: prepare(
      `SELECT a.expires_at FROM assignments a JOIN contacts c ON c.id = a.contact_id
       WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
    ),
    lease: prepare(`SELECT * FROM assignments WHERE id = ?`),
    endLease: prepare(`UPDATE assignments SET status = ?, ended_at = ? WHERE id = ?`),
    requeue: prepare(`UPDATE contacts SET next_call_at = MAX(next_call_at, ?) WHERE id = ?`),
  
  };
}

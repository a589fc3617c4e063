/**
 * Hands out contacts to stations. Everything here runs inside one synchronous SQLite
 * transaction per call, so no two stations ever interleave inside a claim.
 *
 * Invariants (tests in test/integration/calling/allocation*.test.ts and test/property attack them):
 *  1. A station holds at most one active assignment; asking again returns the same one
 *     (unless its number went on do-not-call meanwhile: see 3).
 *  2. A phone number is held by at most one active assignment, whichever list it stands on.
 *     While held, every not-done contact with that number has status 'held'; no other
 *     path sets 'held'. (The partial unique indexes on assignments back 1 and 2 in the schema.)
 *  3. A number on the do-not-call list is never handed out, not even resumed (checked at
 *     claim as well as closed at write time, so a number added by any path is covered).
 *  4. A contact is offered only while 'ready' and due (next_call_at <= now), in the order
 *     priority, next_call_at (fresh contacts have 0, so they come before retries), then the
 *     list with the least coverage so far (so a station calling every list spreads its calls
 *     fairly over the associations instead of draining one list first), then id.
 *  5. Expiry and skip return the contact (and its number's other contacts) to 'ready'
 *     without counting an attempt. Only an outcome counts an attempt.
 *  6. A station calls the one list a leader fixed it to; else the lists of the association in its
 *     scope (the volunteer's, or a team evening's: CallingService picks); else every active list. A list paused for the whole campaign
 *     (inactive) or for the station's room, or being written by its first import, offers nothing
 *     new; a contact already held is still resumed (the call may be under way).
 *  7. A contact who prefers a language the volunteer speaks (other than the calling language) comes
 *     before the rest of the scope; after a language barrier (needs_speaker = 1) a contact is offered
 *     to such volunteers only.
 *  8. The rules across lists hold at hand-out, whenever a contact got onto its list: a contact never
 *     called whose number is closed on another list (reached there, wrong, out of attempts) is closed,
 *     not offered, and one whose number cools down on another list waits as long. Imports write no such state: an association
 *     must not learn from its own list what happened to a number on another's (the association's
 *     views show these contacts only as "not offered").
 *
 * Raw prepared statements on purpose: this is the hot path, and the partial indexes
 * `contacts_claim_*` are only used when their conditions and `LIMIT 1` stay literal.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { EmptyReason } from '@ringstuga/shared';
import { REACHED_SQL } from '../../db/outcome-sql.ts';
import type { CallingClock } from './calling-hours.ts';

export const PRIORITIES = [1, 2, 3] as const;

export interface AssignmentRow {
  id: string;
  station_id: number;
  contact_id: number;
  phone: string;
  shift_id: number | null;
  status: 'active' | 'completed' | 'skipped' | 'expired';
  created_at: number;
  expires_at: number;
}

interface Candidate {
  id: number;
  phone: string;
  attempts: number;
}

/** The same number's state on another list that decides for this contact too (invariant 8). */
interface Settled {
  status: 'ready' | 'done';
  closed_reason: string | null;
  next_call_at: number;
}

export type ClaimResult =
  /** `resumed`: the station's own held contact again, not a new hand-out. */
  | { assignment: AssignmentRow; resumed?: true }
  | { assignment: null; reason: EmptyReason; nextAvailableAt?: number };

/** Who is calling at the station: their shift, and the association whose lists they call (null: every list). */
export interface ClaimScope {
  shiftId: number | null;
  associationId: number | null;
  /** Languages the volunteer speaks besides the calling language, in their order. */
  languages?: readonly string[];
}

/** Which lists a claim may draw from: the station's fixed list, its volunteer's association, its room's pauses. */
interface ScopeParams {
  fixedList: number | null;
  association: number | null;
  room: number;
}

export interface AllocatorOptions {
  leaseMs: number;
  clock: CallingClock;
}

export class Allocator {
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly claimTx: Transaction<(stationId: number, now: number, scope: ClaimScope) => ClaimResult>;

  constructor(
    private readonly sqlite: Database,
    private readonly options: AllocatorOptions,
  ) {
    this.s = prepareStatements(sqlite);
    this.claimTx = sqlite.transaction((stationId: number, now: number, scope: ClaimScope) =>
      this.claimInside(stationId, now, scope),
    );
  }

  /** The station's current assignment, or a new one, or why there is none. */
  claim(stationId: number, now: number, scope: ClaimScope): ClaimResult {
    return this.claimTx.immediate(stationId, now, scope);
  }

  /** Returns the station's held contact to the queue without an attempt (its volunteer left). Call inside a transaction. */
  releaseStation(stationId: number, now: number): void {
    const held = this.s.stationLease.get(stationId) as AssignmentRow | undefined;
    if (!held) return;
    this.s.expireLease.run(now, held.id);
    this.s.releasePhone.run(held.phone);
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

  /** The station's active lease, if any (without expiring or claiming anything). */
  stationLease(stationId: number): AssignmentRow | undefined {
    return this.s.stationLease.get(stationId) as AssignmentRow | undefined;
  }

  findLease(id: string): AssignmentRow | undefined {
    return this.s.lease.get(id) as AssignmentRow | undefined;
  }

  /** Ends a lease without an attempt; the number goes to the back of its due queue on every list. Call inside a transaction. */
  releaseSkipped(lease: AssignmentRow, now: number): void {
    this.s.endLease.run('skipped', now, lease.id);
    this.s.releasePhone.run(lease.phone);
    this.s.requeue.run(now, lease.phone);
  }

  /**
   * Ends a lease (active, or expired but reported late) because its outcome was recorded.
   * The caller takes the number out of 'held' in the same transaction: the contact's own new state,
   * and its other contacts closed or released with their cool-down (one write each, not a release
   * to 'ready' first and a second write after).
   */
  completeLease(lease: AssignmentRow, now: number): void {
    this.s.endLease.run('completed', now, lease.id);
  }

  private claimInside(stationId: number, now: number, scope: ClaimScope): ClaimResult {
    this.expireDue(now);
    const held = this.s.stationLease.get(stationId) as AssignmentRow | undefined;
    if (held && !this.s.onDoNotCall.get(held.phone)) return { assignment: held, resumed: true };
    if (held) {
      // Put on do-not-call by another path while held: withdrawn rather than shown again on a
      // reconnect; the station gets the next contact and a late report finds the contact closed.
      this.s.expireLease.run(now, held.id);
      this.s.releasePhone.run(held.phone);
      this.s.closeDoNotCall.run(held.phone);
    }

    const { clock } = this.options;
    if (!clock.isOpen(now)) {
      return { assignment: null, reason: 'outside_calling_hours', nextAvailableAt: clock.nextOpening(now) };
    }

    const station = this.s.stationScope.get(stationId) as { list_id: number | null; room_id: number };
    const where: ScopeParams = {
      fixedList: station.list_id,
      association: station.list_id === null ? scope.associationId : null,
      room: station.room_id,
    };
    for (;;) {
      const candidate = this.languageHead(now, where, scope.languages) ?? (this.s.bestHead.get({ now, ...where }) as Candidate | undefined);
      if (!candidate) return this.whyEmpty(where);
      // A number added to do-not-call by another path is closed here, then the next one is tried.
      if (this.s.onDoNotCall.get(candidate.phone)) {
        this.s.closeDoNotCall.run(candidate.phone);
        continue;
      }
      // Settled through another list (invariant 8): closed or put back here, then the next one is tried.
      // Only a contact never called: once called, each outcome settles the number on every list at
      // once, and a number's other contacts closed by this contact's own call-back must not close it.
      const elsewhere = candidate.attempts === 0 ? (this.s.settledElsewhere.get(candidate.phone, candidate.id, now) as Settled | undefined) : undefined;
      if (elsewhere) {
        if (elsewhere.status === 'done') this.s.closeAsElsewhere.run({ reason: elsewhere.closed_reason, id: candidate.id });
        else this.s.waitAsElsewhere.run(elsewhere.next_call_at, candidate.id);
        continue;
      }
      if (this.s.phoneLeased.get(candidate.phone)) {
        // Defensive: a contact added while its number was leased elsewhere joins that hold.
        this.s.holdPhone.run(candidate.phone);
        continue;
      }
      this.s.holdPhone.run(candidate.phone);
      // The row as written, built here: `RETURNING *` cost more than the insert's own index writes.
      const lease: AssignmentRow = {
        id: randomUUID(),
        station_id: stationId,
        contact_id: candidate.id,
        phone: candidate.phone,
        shift_id: scope.shiftId,
        status: 'active',
        created_at: now,
        expires_at: now + this.options.leaseMs,
      };
      this.s.insertLease.run(lease.id, lease.station_id, lease.contact_id, lease.phone, lease.shift_id, lease.created_at, lease.expires_at);
      return { assignment: lease };
    }
  }

  /** The first due contact who prefers one of the volunteer's languages, taken in the volunteer's order. */
  private languageHead(now: number, where: ScopeParams, languages: readonly string[] = []): Candidate | undefined {
    for (const language of languages) {
      const candidate = this.s.languageHead.get({ now, language, ...where }) as Candidate | undefined;
      if (candidate) return candidate;
    }
    return undefined;
  }

  /** The lists a station in this scope may call, and whether some list in it is paused. */
  private scopeLists(where: ScopeParams): { active: number[]; paused: boolean } {
    const rows = this.s.scopeLists.all(where) as { id: number; active: number }[];
    return { active: rows.filter((row) => row.active === 1).map((row) => row.id), paused: rows.some((row) => row.active === 0) };
  }

  private whyEmpty(where: ScopeParams): ClaimResult {
    const { active: lists, paused } = this.scopeLists(where);
    // Every list this station may call is paused: say so, rather than "empty", so the leader's pause is visible.
    if (lists.length === 0 && paused) return { assignment: null, reason: 'list_paused' };
    let earliestReady: number | undefined;
    let earliestLeaseEnd: number | undefined;
    for (const listId of lists) {
      for (const priority of PRIORITIES) {
        const row = this.s.earliestReady.get(listId, priority) as { next_call_at: number } | undefined;
        if (row && (earliestReady === undefined || row.next_call_at < earliestReady)) earliestReady = row.next_call_at;
      }
      const lease = this.s.earliestLeaseEnd.get(listId) as { expires_at: number } | undefined;
      if (lease && (earliestLeaseEnd === undefined || lease.expires_at < earliestLeaseEnd)) {
        earliestLeaseEnd = lease.expires_at;
      }
    }
    // Whichever comes back first: a contact cooling down, or one held by a station (at the latest).
    const cooledAt = earliestReady === undefined ? undefined : this.options.clock.nextOpening(earliestReady);
    if (earliestLeaseEnd !== undefined && (cooledAt === undefined || earliestLeaseEnd < cooledAt)) {
      return { assignment: null, reason: 'all_held', nextAvailableAt: earliestLeaseEnd };
    }
    if (cooledAt !== undefined) return { assignment: null, reason: 'cooling_down', nextAvailableAt: cooledAt };
    if (lists.some((listId) => this.s.waitingForSpeaker.get(listId))) return { assignment: null, reason: 'waiting_for_speaker' };
    return { assignment: null, reason: 'list_empty' };
  }
}

/**
 * Each list in scope's head (one index seek per list: status and LIMIT stay literal so a partial
 * index serves it), then the best head overall, in one statement and one call from JS. MATERIALIZED
 * runs each head seek once (~40 µs for 38 lists; 450 µs as one query per list). `which` picks the
 * contacts and, with it, the partial index (test/integration/calling/claim-plans.test.ts checks the plans).
 */
function bestHeadSql(which: string): string {
  return `WITH heads AS MATERIALIZED (
     SELECT CAST(l.persons_called AS REAL) / MAX(l.contacts_count, 1) AS coverage,
       (SELECT h.id FROM contacts h
        WHERE h.list_id = l.id AND ${which} AND h.status = 'ready' AND h.priority IN (1, 2, 3) AND h.next_call_at <= @now
        ORDER BY h.priority, h.next_call_at, h.id LIMIT 1) AS head
     FROM call_lists l
     WHERE l.active = 1 AND l.importing = 0 AND (@fixedList IS NULL OR l.id = @fixedList)
       AND (@association IS NULL OR l.association_id = @association)
       AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room))
   SELECT c.id, c.phone, c.attempts FROM heads JOIN contacts c ON c.id = heads.head
   ORDER BY c.priority, c.next_call_at, heads.coverage, c.id LIMIT 1`;
}

// Each statement names the index it goes through (claim-plans.test.ts checks the hot ones' plans).
function prepareStatements(sqlite: Database) {
  const prepare = (sql: string): Statement => sqlite.prepare(sql);
  return {
    // assignments_expiry (partial: active leases only, so this is a seek that finds nothing most of the time).
    dueLeases: prepare(`SELECT id, phone FROM assignments WHERE status = 'active' AND expires_at <= ?`),
    // The primary key's index (sqlite_autoindex_assignments_1), as endLease.
    expireLease: prepare(`UPDATE assignments SET status = 'expired', ended_at = ? WHERE id = ?`),
    // contacts_phone, as every per-number write below.
    releasePhone: prepare(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
    holdPhone: prepare(`UPDATE contacts SET status = 'held' WHERE phone = ? AND status = 'ready'`),
    // assignments_one_per_station (partial, unique).
    stationLease: prepare(`SELECT * FROM assignments WHERE station_id = ? AND status = 'active'`),
    // assignments_one_per_phone (partial, unique).
    phoneLeased: prepare(`SELECT 1 FROM assignments WHERE phone = ? AND status = 'active'`),
    stationScope: prepare(`SELECT list_id, room_id FROM stations WHERE id = ?`),
    // `active` here: offered to this room (not paused for the campaign, nor for the room). A scan of the lists (tens).
    scopeLists: prepare(
      `SELECT l.id, l.active AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room) AS active
       FROM call_lists l
       WHERE (@fixedList IS NULL OR l.id = @fixedList) AND (@association IS NULL OR l.association_id = @association)
         AND l.importing = 0
       ORDER BY l.id`,
    ),
    // Contacts any volunteer may call, through contacts_claim_any.
    bestHead: prepare(bestHeadSql(`h.needs_speaker = 0`)),
    // The same over contacts who prefer @language (needs_speaker or not), through contacts_claim_language.
    languageHead: prepare(bestHeadSql(`h.preferred_language = @language`)),
    // The register's primary key.
    onDoNotCall: prepare(`SELECT 1 FROM do_not_call WHERE phone = ?`),
    // One seek through contacts_phone (a number stands on a handful of lists at most); done first.
    settledElsewhere: prepare(
      `SELECT status, closed_reason, next_call_at FROM contacts
       WHERE phone = ? AND id <> ? AND (status = 'done' OR (status = 'ready' AND next_call_at > ?))
       ORDER BY status = 'done' DESC LIMIT 1`,
    ),
    // Reached there (or through yet another list) reads 'reached_elsewhere' here, as the outcome's own closing does.
    closeAsElsewhere: prepare(
      `UPDATE contacts SET status = 'done',
         closed_reason = CASE WHEN @reason IN (${REACHED_SQL}, 'reached_elsewhere') THEN 'reached_elsewhere' ELSE @reason END
       WHERE id = @id`,
    ),
    waitAsElsewhere: prepare(`UPDATE contacts SET next_call_at = ? WHERE id = ?`),
    closeDoNotCall: prepare(
      `UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = ? AND status = 'ready'`,
    ),
    // No RETURNING: the claim builds the row from what it wrote (RETURNING goes through a temporary table).
    insertLease: prepare(
      `INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
    ),
    // contacts_claim_any, one seek per list and priority (only when nothing was offered).
    earliestReady: prepare(
      `SELECT next_call_at FROM contacts WHERE list_id = ? AND priority = ? AND status = 'ready' AND needs_speaker = 0
       ORDER BY next_call_at LIMIT 1`,
    ),
    // preferred_language IS NOT NULL, literal, so contacts_claim_language serves it.
    waitingForSpeaker: prepare(
      `SELECT 1 FROM contacts WHERE list_id = ? AND status = 'ready' AND preferred_language IS NOT NULL AND needs_speaker = 1 LIMIT 1`,
    ),
    // The active leases in expiry order (assignments_expiry: as many as stations), each contact by
    // its primary key, up to the first on this list. CROSS JOIN keeps that order: left to choose,
    // the planner walked every contact of the list (contacts_list_phone) for its lease, at each
    // station's ask while nothing was due.
    earliestLeaseEnd: prepare(
      `SELECT a.expires_at FROM assignments a CROSS JOIN contacts c ON c.id = a.contact_id
       WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
    ),
    // The primary key's index (sqlite_autoindex_assignments_1).
    lease: prepare(`SELECT * FROM assignments WHERE id = ?`),
    endLease: prepare(`UPDATE assignments SET status = ?, ended_at = ? WHERE id = ?`),
    requeue: prepare(`UPDATE contacts SET next_call_at = MAX(next_call_at, ?) WHERE phone = ? AND status = 'ready'`),
  };
}

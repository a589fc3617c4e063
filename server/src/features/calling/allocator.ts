/**
 * Hands out contacts to stations. Everything here runs inside one store write per call (one
 * transaction), so no two stations ever interleave inside a claim: on SQLite one writer runs at a
 * time; on PostgreSQL the claim lock serialises claims from their probe to their commit (see `claim`
 * for the reads that come before it, and why they may).
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
 * Raw statements, prepared once, on purpose: this is the hot path, and the partial indexes
 * `contacts_claim_*` are only used when their conditions and `LIMIT 1` stay literal.
 */
import { randomUUID } from 'node:crypto';
import type { EmptyReason } from '@ringstuga/shared';
import { REACHED_SQL } from '../../db/outcome-sql.ts';
import { statement } from '../../db/store/statement.ts';
import type { Tx } from '../../db/store/store.ts';
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

/** The best head, with what decides whether it may be handed out (one statement: see `bestHead`). */
interface Candidate {
  id: number;
  phone: string;
  attempts: number;
  /** 1: the number is on the do-not-call register. */
  blocked: number;
  /** 1: the number is held by an active lease (a contact added while it was). */
  leased: number;
  /** The same number's state on another list that decides for this contact too (invariant 8); null if none. */
  other_status: 'ready' | 'done' | null;
  other_reason: string | null;
  other_next_call_at: number | null;
  /** 1: free, and held and leased to the station by the probe itself (PostgreSQL). */
  taken: number;
}

/** A probe's parameters: the scope, and the lease it writes if its head is free (PostgreSQL). */
type TakeParams = ScopeParams & { now: number; lease: string; station: number; shift: number | null; expires: number };

/** The station's scope and its active lease (null columns: none), whose number may be on do-not-call. */
type StationWithLease = { list_id: number | null; room_id: number; blocked: number } & {
  [K in keyof AssignmentRow]: AssignmentRow[K] | null;
};

const leaseOf = (row: StationWithLease): AssignmentRow => ({
  id: row.id!,
  station_id: row.station_id!,
  contact_id: row.contact_id!,
  phone: row.phone!,
  shift_id: row.shift_id,
  status: row.status!,
  created_at: row.created_at!,
  expires_at: row.expires_at!,
});

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
type ScopeParams = {
  fixedList: number | null;
  association: number | null;
  room: number;
};

export interface AllocatorOptions {
  leaseMs: number;
  clock: CallingClock;
}

export class Allocator {
  constructor(private readonly options: AllocatorOptions) {}

  /**
   * The station's current assignment, or a new one, or why there is none. Run inside a store write:
   * the whole claim is one transaction. The claim lock keeps two claims on PostgreSQL from taking
   * the same number between a probe and its hold (on SQLite one writer at a time does that).
   *
   * Only what two claims must not interleave runs under the lock; every claim waits for it, so each
   * round trip under it is paid by all of them. Before it, two reads that take no row locks: the
   * leases due to expire, and the station's own row with its lease. No other claim writes a lease that
   * is not due, so the station's lease read before the lock is still the station's (an outcome or a
   * skip ending it meanwhile orders this claim before them, as if it had run a moment earlier). The
   * expiries themselves run under the lock, each only if its lease is still active.
   */
  async claim(q: Tx, stationId: number, now: number, scope: ClaimScope): Promise<ClaimResult> {
    const due = await q.all(S.dueLeases, [now]);
    const own = (await q.get(S.stationWithLease, [stationId]))!;
    const held = own.id !== null && own.expires_at! > now ? leaseOf(own) : undefined;
    const open = this.options.clock.isOpen(now);
    if (due.length === 0 && held && own.blocked === 0) return { assignment: held, resumed: true };
    if (due.length === 0 && !held && !open) return this.closed(now);
    await q.lock('claim');
    await this.expire(q, due, now);
    if (held && own.blocked === 0) return { assignment: held, resumed: true };
    if (held) {
      // Put on do-not-call by another path while held: withdrawn rather than shown again on a
      // reconnect; the station gets the next contact and a late report finds the contact closed.
      if (await q.run(S.expireLease, [now, held.id])) await q.run(S.releasePhone, [held.phone]);
      await q.run(S.closeDoNotCall, [held.phone]);
    }
    if (!open) return this.closed(now);
    const where: ScopeParams = {
      fixedList: own.list_id,
      association: own.list_id === null ? scope.associationId : null,
      room: own.room_id,
    };
    for (;;) {
      // The lease this claim writes if the head is free, built here: `RETURNING *` cost more than the
      // insert's own index writes. On PostgreSQL the probe writes it itself when the head is free.
      const lease: AssignmentRow = {
        id: randomUUID(),
        station_id: stationId,
        contact_id: 0,
        phone: '',
        shift_id: scope.shiftId,
        status: 'active',
        created_at: now,
        expires_at: now + this.options.leaseMs,
      };
      const take: TakeParams = { now, ...where, lease: lease.id, station: stationId, shift: scope.shiftId, expires: lease.expires_at };
      const candidate = (await this.languageHead(q, take, scope.languages)) ?? (await q.get(S.bestHead, take));
      if (!candidate) return this.whyEmpty(q, where);
      const taken = { ...lease, contact_id: candidate.id, phone: candidate.phone };
      if (candidate.taken === 1) return { assignment: taken };
      // A number added to do-not-call by another path is closed here, then the next one is tried.
      if (candidate.blocked === 1) {
        await q.run(S.closeDoNotCall, [candidate.phone]);
        continue;
      }
      // Settled through another list (invariant 8): closed or put back here, then the next one is tried.
      // The probe reads it only for a contact never called: once called, each outcome settles the number
      // on every list at once, and a number's other contacts closed by this contact's own call-back must
      // not close it.
      if (candidate.other_status === 'done') {
        await q.run(S.closeAsElsewhere, { reason: candidate.other_reason, id: candidate.id });
        continue;
      }
      if (candidate.other_status === 'ready') {
        await q.run(S.waitAsElsewhere, [candidate.other_next_call_at!, candidate.id]);
        continue;
      }
      if (candidate.leased === 1) {
        // Defensive: a contact added while its number was leased elsewhere joins that hold.
        await q.run(S.holdPhone, [candidate.phone]);
        continue;
      }
      if (q.dialect === 'sqlite') {
        // One writer at a time: nothing can have come between the probe and these.
        await q.run(S.holdPhone, [taken.phone]);
        await q.run(S.insertLease, [taken.id, taken.station_id, taken.contact_id, taken.phone, taken.shift_id, taken.created_at, taken.expires_at]);
        return { assignment: taken };
      }
      // PostgreSQL, a free head not taken: the same station's other claim (through another node)
      // committed a lease before this one got the claim lock. That one is the station's.
      const first = await q.get(S.stationLease, [stationId]);
      if (first) return { assignment: first, resumed: true };
    }
  }

  /** Expires leases read as due before the claim lock; one another claim ended meanwhile is left alone. */
  private async expire(q: Tx, due: readonly Lease[], now: number): Promise<void> {
    for (const lease of due) if (await q.run(S.expireLease, [now, lease.id])) await q.run(S.releasePhone, [lease.phone]);
  }

  private closed(now: number): ClaimResult {
    const { clock } = this.options;
    return { assignment: null, reason: 'outside_calling_hours', nextAvailableAt: clock.nextOpening(now) };
  }

  /**
   * Returns the station's held contact to the queue without an attempt (its volunteer left). Inside
   * a write. Two statements, neither waiting on the other's answer: the number is released through
   * the station's active lease, then the lease expires.
   */
  async releaseStation(q: Tx, stationId: number, now: number): Promise<void> {
    await Promise.all([q.run(S.releaseStationPhone, { station: stationId }), q.run(S.expireStationLease, { station: stationId, now })]);
  }

  /** The station's active lease, if any (without expiring or claiming anything). */
  stationLease(q: Tx, stationId: number): Promise<AssignmentRow | undefined> {
    return q.get(S.stationLease, [stationId]);
  }

  /** The lease, locked until the write ends (PostgreSQL): only for a write that ends it. */
  findLease(q: Tx, id: string): Promise<AssignmentRow | undefined> {
    return q.get(S.lease, [id]);
  }

  /** Ends a lease without an attempt; the number goes to the back of its due queue on every list. Inside a write. */
  async releaseSkipped(q: Tx, lease: AssignmentRow, now: number): Promise<void> {
    await q.run(S.endLease, ['skipped', now, lease.id]);
    await q.run(S.releasePhone, [lease.phone]);
    await q.run(S.requeue, [now, lease.phone]);
  }

  /** The first due contact who prefers one of the volunteer's languages, taken in the volunteer's order. */
  private async languageHead(q: Tx, take: TakeParams, languages: readonly string[] = []): Promise<Candidate | undefined> {
    for (const language of languages) {
      const candidate = await q.get(S.languageHead, { ...take, language });
      if (candidate) return candidate;
    }
    return undefined;
  }

  /** The lists a station in this scope may call, and whether some list in it is paused. */
  private async scopeLists(q: Tx, where: ScopeParams): Promise<{ active: number[]; paused: boolean }> {
    const rows = await q.all(S.scopeLists, where);
    return { active: rows.filter((row) => row.active === 1).map((row) => row.id), paused: rows.some((row) => row.active === 0) };
  }

  private async whyEmpty(q: Tx, where: ScopeParams): Promise<ClaimResult> {
    const { active: lists, paused } = await this.scopeLists(q, where);
    // Every list this station may call is paused: say so, rather than "empty", so the leader's pause is visible.
    if (lists.length === 0 && paused) return { assignment: null, reason: 'list_paused' };
    let earliestReady: number | undefined;
    let earliestLeaseEnd: number | undefined;
    for (const listId of lists) {
      for (const priority of PRIORITIES) {
        const row = await q.get(S.earliestReady, [listId, priority]);
        if (row && (earliestReady === undefined || row.next_call_at < earliestReady)) earliestReady = row.next_call_at;
      }
      const lease = await q.get(S.earliestLeaseEnd, [listId]);
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
    for (const listId of lists) if (await q.get(S.waitingForSpeaker, [listId])) return { assignment: null, reason: 'waiting_for_speaker' };
    return { assignment: null, reason: 'list_empty' };
  }
}

/**
 * Each list in scope's head (one index seek per list: status and LIMIT stay literal so a partial
 * index serves it), then the best head overall, in one statement and one call from JS. MATERIALIZED
 * runs each head seek once (~40 µs for 38 lists; 450 µs as one query per list). `which` picks the
 * contacts and, with it, the partial index (test/integration/calling/claim-plans.test.ts checks the plans).
 * The best head comes with what decides whether it may be handed out (the register, an active lease
 * on its number, its number settled on another list if it was never called), each one key seek:
 * four round trips in one, under the claim lock.
 * PostgreSQL: GREATEST for the two-argument MAX, and the scope's parameters typed where only `IS NULL` meets them.
 */
function bestHead<P extends TakeParams>(which: string) {
  const text = (coverage: string, fixedList: string, association: string) => `WITH heads AS MATERIALIZED (
     SELECT ${coverage} AS coverage,
       (SELECT h.id FROM contacts h
        WHERE h.list_id = l.id AND ${which} AND h.status = 'ready' AND h.priority IN (1, 2, 3) AND h.next_call_at <= @now
        ORDER BY h.priority, h.next_call_at, h.id LIMIT 1) AS head
     FROM call_lists l
     WHERE l.active = 1 AND l.importing = 0 AND (${fixedList} IS NULL OR l.id = @fixedList)
       AND (${association} IS NULL OR l.association_id = @association)
       AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room)),
   best AS MATERIALIZED (
     SELECT c.id, c.phone, c.attempts FROM heads JOIN contacts c ON c.id = heads.head
     ORDER BY c.priority, c.next_call_at, heads.coverage, c.id LIMIT 1),
   candidate AS MATERIALIZED (
     SELECT b.id, b.phone, b.attempts,
       CASE WHEN EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = b.phone) THEN 1 ELSE 0 END AS blocked,
       CASE WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.phone = b.phone AND a.status = 'active') THEN 1 ELSE 0 END AS leased,
       e.status AS other_status, e.closed_reason AS other_reason, e.next_call_at AS other_next_call_at
     FROM best b LEFT JOIN contacts e ON b.attempts = 0 AND e.id = (
       SELECT o.id FROM contacts o
       WHERE o.phone = b.phone AND o.id <> b.id AND (o.status = 'done' OR (o.status = 'ready' AND o.next_call_at > @now))
       ORDER BY CASE WHEN o.status = 'done' THEN 0 ELSE 1 END LIMIT 1))`;
  // PostgreSQL: a free head (nothing above stands in its way, and the station has no active lease: its
  // other claim through another node may have committed one before this claim got the lock) is held
  // and leased in the same statement, one round trip under the claim lock instead of three.
  const take = `,
   free AS MATERIALIZED (
     SELECT x.id, x.phone FROM candidate x
     WHERE x.blocked = 0 AND x.leased = 0 AND x.other_status IS NULL
       AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.station_id = CAST(@station AS INTEGER) AND s.status = 'active')),
   held AS (UPDATE contacts SET status = 'held' WHERE phone = (SELECT phone FROM free) AND status = 'ready'),
   taken AS (
     INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
     SELECT CAST(@lease AS TEXT), CAST(@station AS INTEGER), f.id, f.phone, CAST(@shift AS INTEGER), 'active', CAST(@now AS BIGINT), CAST(@expires AS BIGINT)
     FROM free f RETURNING 1)
   SELECT x.*, (SELECT COUNT(*) FROM taken) AS taken FROM candidate x`;
  return statement<P, Candidate>({
    sqlite: `${text('CAST(l.persons_called AS REAL) / MAX(l.contacts_count, 1)', '@fixedList', '@association')}
   SELECT x.*, 0 AS taken FROM candidate x`,
    postgres:
      text('CAST(l.persons_called AS DOUBLE PRECISION) / GREATEST(l.contacts_count, 1)', 'CAST(@fixedList AS BIGINT)', 'CAST(@association AS BIGINT)') + take,
  });
}

/** The scope's lists; `active`: offered to this room (not paused for the campaign, nor for the room). */
function scopeListsText(fixedList: string, association: string): string {
  return `SELECT l.id, CASE WHEN l.active = 1 AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room) THEN 1 ELSE 0 END AS active
       FROM call_lists l
       WHERE (${fixedList} IS NULL OR l.id = @fixedList) AND (${association} IS NULL OR l.association_id = @association)
         AND l.importing = 0
       ORDER BY l.id`;
}

type Lease = Pick<AssignmentRow, 'id' | 'phone'>;

/**
 * The allocator's statements, prepared once per connection (module-level: the hot path). Each names
 * the index it goes through (claim-plans.test.ts checks the hot ones' plans).
 */
export const ALLOCATOR_STATEMENTS = {
  // assignments_expiry (partial: active leases only, so this is a seek that finds nothing most of the time).
  dueLeases: statement<[number], Lease>(`SELECT id, phone FROM assignments WHERE status = 'active' AND expires_at <= ?`),
  // The primary key's index (sqlite_autoindex_assignments_1), as endLease.
  // Only an active lease: the claim read it as due before taking the claim lock, and another claim may have ended it since.
  expireLease: statement<[number, string]>(`UPDATE assignments SET status = 'expired', ended_at = ? WHERE id = ? AND status = 'active'`),
  // contacts_phone, as every per-number write below.
  releasePhone: statement<[string]>(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
  holdPhone: statement<[string]>(`UPDATE contacts SET status = 'held' WHERE phone = ? AND status = 'ready'`),
  // A departing volunteer's contact: its number through the station's active lease, then the lease.
  releaseStationPhone: statement<{ station: number }>(
    `UPDATE contacts SET status = 'ready'
     WHERE phone = (SELECT phone FROM assignments WHERE station_id = @station AND status = 'active') AND status = 'held'`,
  ),
  expireStationLease: statement<{ station: number; now: number }>(
    `UPDATE assignments SET status = 'expired', ended_at = @now WHERE station_id = @station AND status = 'active'`,
  ),
  // assignments_one_per_station (partial, unique).
  stationLease: statement<[number], AssignmentRow>(`SELECT * FROM assignments WHERE station_id = ? AND status = 'active'`),
  // The station by its primary key, its lease through assignments_one_per_station, the register by its key.
  stationWithLease: statement<[number], StationWithLease>(
    `SELECT s.list_id, s.room_id, a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       CASE WHEN EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = a.phone) THEN 1 ELSE 0 END AS blocked
     FROM stations s LEFT JOIN assignments a ON a.station_id = s.id AND a.status = 'active'
     WHERE s.id = ?`,
  ),
  // A scan of the lists (tens).
  scopeLists: statement<ScopeParams, { id: number; active: number }>({
    sqlite: scopeListsText('@fixedList', '@association'),
    postgres: scopeListsText('CAST(@fixedList AS BIGINT)', 'CAST(@association AS BIGINT)'),
  }),
  // Contacts any volunteer may call, through contacts_claim_any.
  bestHead: bestHead<TakeParams>(`h.needs_speaker = 0`),
  // The same over contacts who prefer @language (needs_speaker or not), through contacts_claim_language.
  languageHead: bestHead<TakeParams & { language: string }>(`h.preferred_language = @language`),
  // Reached there (or through yet another list) reads 'reached_elsewhere' here, as the outcome's own closing does.
  closeAsElsewhere: statement<{ reason: string | null; id: number }>(
    `UPDATE contacts SET status = 'done',
       closed_reason = CASE WHEN @reason IN (${REACHED_SQL}, 'reached_elsewhere') THEN 'reached_elsewhere' ELSE @reason END
     WHERE id = @id`,
  ),
  waitAsElsewhere: statement<[number, number]>(`UPDATE contacts SET next_call_at = ? WHERE id = ?`),
  closeDoNotCall: statement<[string]>(`UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = ? AND status = 'ready'`),
  // No RETURNING: the claim builds the row from what it wrote (RETURNING goes through a temporary table).
  insertLease: statement<[string, number, number, string, number | null, number, number]>(
    `INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
  ),
  // contacts_claim_any, one seek per list and priority (only when nothing was offered).
  earliestReady: statement<[number, number], { next_call_at: number }>(
    `SELECT next_call_at FROM contacts WHERE list_id = ? AND priority = ? AND status = 'ready' AND needs_speaker = 0
     ORDER BY next_call_at LIMIT 1`,
  ),
  // preferred_language IS NOT NULL, literal, so contacts_claim_language serves it.
  waitingForSpeaker: statement<[number], Record<string, number>>(
    `SELECT 1 FROM contacts WHERE list_id = ? AND status = 'ready' AND preferred_language IS NOT NULL AND needs_speaker = 1 LIMIT 1`,
  ),
  // The active leases in expiry order (assignments_expiry: as many as stations), each contact by
  // its primary key, up to the first on this list. CROSS JOIN keeps that order: left to choose,
  // the planner walked every contact of the list (contacts_list_phone) for its lease, at each
  // station's ask while nothing was due.
  earliestLeaseEnd: statement<[number], { expires_at: number }>({
    sqlite: `SELECT a.expires_at FROM assignments a CROSS JOIN contacts c ON c.id = a.contact_id
     WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
    // CROSS JOIN with ON is SQLite's way of fixing the join order; PostgreSQL's planner chooses.
    postgres: `SELECT a.expires_at FROM assignments a JOIN contacts c ON c.id = a.contact_id
     WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
  }),
  // The primary key's index (sqlite_autoindex_assignments_1).
  // Read by the skip and (joined with its contact: calling.repo.ts outcomeRead) by the outcome, which then
  // end the lease: on PostgreSQL the row is locked, so the same report sent twice at once (through two
  // nodes) waits and then sees the lease completed, instead of both passing the status check and the
  // second failing on the calls' unique assignment id.
  lease: statement<[string], AssignmentRow>({
    sqlite: `SELECT * FROM assignments WHERE id = ?`,
    postgres: `SELECT * FROM assignments WHERE id = ? FOR UPDATE`,
  }),
  endLease: statement<[AssignmentRow['status'], number, string]>(`UPDATE assignments SET status = ?, ended_at = ? WHERE id = ?`),
  requeue: statement<[number, string]>({
    sqlite: `UPDATE contacts SET next_call_at = MAX(next_call_at, ?) WHERE phone = ? AND status = 'ready'`,
    postgres: `UPDATE contacts SET next_call_at = GREATEST(next_call_at, ?) WHERE phone = ? AND status = 'ready'`,
  }),
};
const S = ALLOCATOR_STATEMENTS;

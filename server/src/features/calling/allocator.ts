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
 * The statements are in claim-statements.ts.
 */
import { randomUUID } from 'node:crypto';
import type { EmptyReason } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import type { CallingClock } from '../../calling-hours.ts';
import {
  ALLOCATOR_STATEMENTS as S,
  CLAIM_LOCK,
  leaseOf,
  type AssignmentRow,
  type Candidate,
  type Lease,
  type ScopeParams,
  type TakeParams,
} from './claim-statements.ts';

export const PRIORITIES = [1, 2, 3] as const;

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
    await q.lock(CLAIM_LOCK);
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
      const { lease, take } = this.newLease(stationId, now, scope, where);
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
        // A contact added while its number was leased elsewhere joins that hold, if the lease still
        // stands once locked: one ended meanwhile (a skip, an outcome) has released its number, and a
        // hold without it would never be released. Either way the next probe decides again.
        if (await q.get(S.phoneLeaseLocked, [candidate.phone])) await q.run(S.holdPhone, [candidate.phone]);
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

  /**
   * The lease a claim writes if its head is free, built here (`RETURNING *` cost more than the
   * insert's own index writes), and the probe's parameters: on PostgreSQL the probe writes it itself.
   */
  private newLease(stationId: number, now: number, scope: ClaimScope, where: ScopeParams): { lease: AssignmentRow; take: TakeParams } {
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
    return { lease, take: { now, ...where, lease: lease.id, station: stationId, shift: scope.shiftId, expires: lease.expires_at } };
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
   * a write, as a skip does it: the station's active lease is read locked (PostgreSQL), ended by its
   * id, and only then is its number released. So a claim that expires the lease meanwhile, or the
   * station's own claim committing a new lease, is ordered before or after this, never between a
   * release and the lease it belonged to.
   */
  async releaseStation(q: Tx, stationId: number, now: number): Promise<void> {
    const lease = await q.get(S.stationLeaseLocked, [stationId]);
    if (lease && (await q.run(S.expireLease, [now, lease.id]))) await q.run(S.releasePhone, [lease.phone]);
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

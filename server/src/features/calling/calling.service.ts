import { randomUUID } from 'node:crypto';
import { CALLING_LANGUAGE, type Assignment, type CallOutcomeInput, type ContactNextResult, type OkResult, type QuestionView, type Shift, type SkipInput } from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import type { Store, Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import { Allocator } from './allocator.ts';
import type { AssignmentRow } from './claim-statements.ts';
import { CallingClock } from '../../calling-hours.ts';
import { createBatcher } from './claim-batch.ts';
import { createGate } from './claim-gate.ts';
import { callingRepo, type Card } from './calling.repo.ts';
import { createHandOutLimit, type HandOutLimit, type StationPaceFlags } from './hand-out-limit.ts';
import { OutcomeRecorder } from './outcome-recorder.ts';
import type { RetryPolicy } from './outcome-rules.ts';
import type { CallingHours } from '../../config.ts';
import type { QuestionCache } from '../questions/question-cache.ts';

export interface CallingOptions extends RetryPolicy {
  leaseMs: number;
  callingHours: CallingHours;
  timeZone: string;
  /** New contacts one station may be handed per minute (plus a burst); 0: no limit. */
  contactsPerMinute: number;
}

/**
 * One batch of claims per node at the lock, which lets one through at a time on every node together:
 * a second one waiting only lengthens the queue, while claims arriving meanwhile would have joined the
 * next batch and shared its hold (measured, three nodes and 2,000 stations: the lock's waits fell from
 * 10–26 s to 1.5–7 s in 30 s).
 */
const CLAIMS_AT_ONCE = 1;
/** The most common claims one hold of the claim lock serves (claim-batch.ts): the lists' heads are sought once for them all. */
const CLAIMS_PER_BATCH = 32;

/** One station's common claim, as it waits for its batch; and what the batch gives it back (callingRepo.quickClaims). */
type QuickClaimAsk = { station: number; lease: string; open: boolean; now: number };
type QuickClaimed = Awaited<ReturnType<typeof callingRepo.quickClaims>>[number];

/** The volunteer's languages besides the calling language (a shift's JSON list): contacts who prefer one of them come first. */
const spokenBesidesCalling = (languages: string): string[] =>
  (JSON.parse(languages) as string[]).filter((language) => language !== CALLING_LANGUAGE);
const OK = { ok: true } as const;

/** The calling loop's rules: next contact, outcome, skip. Each call is one store write. */
export class CallingService {
  private readonly allocator: Allocator;
  private readonly clock: CallingClock;
  private readonly handOuts: HandOutLimit;
  private readonly outcomes: OutcomeRecorder;
  /** PostgreSQL: the claims of this node that may wait for the claim lock at once (claim-gate.ts). */
  private readonly claimGate: <T>(work: () => Promise<T>) => Promise<T>;
  /** PostgreSQL: the common claims, batched (claim-batch.ts, quick-claim-statement.ts). SQLite has none. */
  private readonly quickClaims?: (claim: QuickClaimAsk) => Promise<QuickClaimed>;

  constructor(
    private readonly store: Store,
    private readonly options: CallingOptions,
    /** The lists' questions, cached: the card shows them and the outcome's answers are checked against them. */
    private readonly questions: QuestionCache,
  ) {
    this.clock = new CallingClock(options.callingHours, options.timeZone);
    this.allocator = new Allocator({ leaseMs: options.leaseMs, clock: this.clock });
    this.handOuts = createHandOutLimit(options.contactsPerMinute);
    this.outcomes = new OutcomeRecorder(store, options, questions);
    // SQLite needs none: its claims wait for nothing, and the write batcher commits them together.
    this.claimGate = store.dialect === 'postgres' ? createGate(CLAIMS_AT_ONCE) : (work) => work();
    if (store.dialect === 'postgres') this.quickClaims = createBatcher((claims) => this.claimBatch(claims), { limit: CLAIMS_AT_ONCE, size: CLAIMS_PER_BATCH });
  }

  /** One batch of common claims, made together at the latest of their times (PostgreSQL). */
  private claimBatch(claims: QuickClaimAsk[]): Promise<QuickClaimed[]> {
    const now = Math.max(...claims.map((claim) => claim.now));
    return callingRepo.quickClaims(this.store, {
      stations: claims.map((claim) => claim.station),
      leases: claims.map((claim) => claim.lease),
      opens: claims.map((claim) => (claim.open ? 1 : 0)),
      now,
      expires: now + this.options.leaseMs,
    });
  }

  /** Nothing is handed out until a volunteer has checked in: every attempt then belongs to a shift. */
  async next(stationId: number, now: number): Promise<ContactNextResult> {
    // A contact erased between the claim's commit and the card's read took its lease with it: claim again (bounded).
    for (let attempt = 1; ; attempt += 1) {
      // Past its pace a station gets no new contact (a leaked link must not copy the lists); the one it holds it keeps.
      // The pace is memory, read before the write and counted after it (a write may run again on PostgreSQL).
      const allowedAt = this.handOuts.nextAllowedAt(stationId, now);
      const quick = await this.quickClaim(stationId, now, allowedAt);
      const claimed = quick ?? (await this.claimGate(() => this.store.write((q) => this.nextInside(q, stationId, now, allowedAt))));
      if ('result' in claimed) {
        if (!claimed.result.assignment && claimed.result.reason === 'rate_limited') this.handOuts.refused(stationId, now);
        return claimed.result;
      }
      if (claimed.handedOut) this.handOuts.handedOut(stationId, now);
      // The full claim's card is read after it commits: on PostgreSQL every claim waits for the claim
      // lock, held to the commit, so its reads must not run under it. The lease is the station's own by
      // then. The quick claim's came with it (one statement by primary keys: quick-claim-statement.ts).
      const assignment = quick ? await this.quickAssignment(quick.lease, quick.card) : await this.store.read((q) => this.describe(q, claimed.lease));
      if (assignment) return { ok: true, assignment };
      if (attempt === 3) throw new Error(`station ${stationId}: each contact handed out was erased before its card was read`);
    }
  }

  /**
   * PostgreSQL's common claim and its card, batched with the node's other claims waiting meanwhile:
   * one round trip, one transaction and one hold of the claim lock for the batch
   * (quick-claim-statement.ts); every claim waits for that lock, so the more claims per hold the
   * better. Undefined whenever anything else may be needed: a lease to expire or withdraw, no
   * shift, the pace, closed hours, no head taken. `nextInside` then decides, in one write, as on SQLite.
   */
  private async quickClaim(
    stationId: number,
    now: number,
    allowedAt: number | undefined,
  ): Promise<{ lease: AssignmentRow; handedOut: boolean; card: Card | undefined } | undefined> {
    if (!this.quickClaims) return undefined;
    const claimed = await this.quickClaims({ station: stationId, now, lease: randomUUID(), open: allowedAt === undefined && this.clock.isOpen(now) });
    return claimed && { lease: claimed.lease, handedOut: !claimed.resumed, card: claimed.card };
  }

  private async nextInside(
    q: Tx,
    stationId: number,
    now: number,
    allowedAt: number | undefined,
  ): Promise<{ result: ContactNextResult & { ok: true } } | { lease: AssignmentRow; handedOut: boolean }> {
    const answer = (result: ContactNextResult & { ok: true }) => ({ result });
    const shift = await callingRepo.openShift(q, stationId);
    if (!shift) return answer({ ok: true, assignment: null, reason: 'not_checked_in' });
    const languages = spokenBesidesCalling(shift.languages);
    if (allowedAt !== undefined && !(await this.holds(q, stationId, now))) {
      await callingRepo.seeShift(q, shift.id, now);
      return answer({ ok: true, assignment: null, reason: 'rate_limited', nextAvailableAt: new Date(allowedAt).toISOString() });
    }
    // During a team evening the room calls the team's association's lists (unless a leader fixed the
    // station to one); while those have nobody to call now (held, cooling down, paused, done), the
    // volunteer's own scope, so nobody sits idle at a team evening.
    const own = { shiftId: shift.id, associationId: shift.association_id, languages };
    const team = await callingRepo.teamAssociationNow(q, shift.room_id, now, shift.association_id);
    let claim = await this.allocator.claim(q, stationId, now, team === undefined ? own : { ...own, associationId: team });
    if (team !== undefined && team !== own.associationId && !claim.assignment && claim.reason !== 'outside_calling_hours') {
      claim = await this.allocator.claim(q, stationId, now, own);
    }
    if (!claim.assignment) {
      // Nothing to call is not the volunteer's absence: the idle check-out must not end their shift.
      await callingRepo.seeShift(q, shift.id, now);
      const { reason, nextAvailableAt } = claim;
      return answer({
        ok: true,
        assignment: null,
        reason,
        ...(nextAvailableAt !== undefined && { nextAvailableAt: new Date(nextAvailableAt).toISOString() }),
      });
    }
    return { lease: claim.assignment, handedOut: !claim.resumed };
  }

  /** What the room board shows of a station's pace: refused for it lately, and its volunteer's skips in a row. */
  paceFlags(stationId: number, shiftId: number | null, now: number): StationPaceFlags {
    return this.handOuts.flags(stationId, shiftId, now);
  }

  private async holds(q: Tx, stationId: number, now: number): Promise<boolean> {
    const lease = await this.allocator.stationLease(q, stationId);
    return lease !== undefined && lease.expires_at > now;
  }

  /** The contact the station holds now (what a paired phone shows), or null; hands nothing out. */
  current(stationId: number, now: number): Promise<Assignment | null> {
    return this.store.read(async (q) => {
      const lease = await this.allocator.stationLease(q, stationId);
      // No history: the phone shows none, and this runs on every change while a phone is paired.
      return (lease && lease.expires_at > now && (await this.describe(q, lease, { history: false }))) || null;
    });
  }

  /**
   * Records an attempt once per assignment; a repeated report is answered with success and changes
   * nothing. `shiftId`: only a call of that shift (a paired phone reaches its own volunteer's calls
   * only). Answers with the result to give, and the station's shift with this call counted when the
   * write returned it (else the station reads it).
   */
  async recordOutcome(stationId: number, input: CallOutcomeInput, now: number, shiftId?: number): Promise<{ result: OkResult; shift?: Shift }> {
    const { result, recorded, shift } = await this.outcomes.record(stationId, input, now, shiftId);
    if (recorded) this.handOuts.recorded(stationId);
    return shift ? { result, shift } : { result };
  }

  async skip(stationId: number, input: SkipInput, now: number): Promise<OkResult> {
    const { result, skipped } = await this.store.write((q) => this.skipInside(q, stationId, input, now));
    if (skipped) this.handOuts.skipped(stationId, skipped.shiftId);
    return result;
  }

  private async skipInside(q: Tx, stationId: number, input: SkipInput, now: number): Promise<{ result: OkResult; skipped?: { shiftId: number | null } }> {
    const lease = await this.ownLease(q, stationId, input.assignmentId);
    if (!lease) return { result: failure('not_found', 'No such assignment at this station') };
    if (lease.status === 'skipped' || lease.status === 'expired') return { result: OK };
    if (lease.status === 'completed') return { result: failure('assignment_closed', 'An outcome was already recorded') };
    await this.allocator.releaseSkipped(q, lease, now);
    if (lease.shift_id !== null) await callingRepo.touchShift(q, lease.shift_id, now);
    return { result: OK, skipped: { shiftId: lease.shift_id } };
  }

  /** The volunteer did something (a flag): "idle" on the board and the idle check-out start again. Inside a write. */
  touchShift(q: Tx, shiftId: number, now: number): Promise<void> {
    return callingRepo.touchShift(q, shiftId, now);
  }

  /** The allocator, for the shift rules that return a departing volunteer's contact to the queue. Inside a write. */
  releaseStation(q: Tx, stationId: number, now: number): Promise<void> {
    return this.allocator.releaseStation(q, stationId, now);
  }

  private async ownLease(q: Tx, stationId: number, assignmentId: string): Promise<AssignmentRow | undefined> {
    const lease = await this.allocator.findLease(q, assignmentId);
    // Another station's assignment is reported as missing, so ids reveal nothing.
    return lease && lease.station_id === stationId ? lease : undefined;
  }

  /** The card; undefined if the contact was erased since the lease was read. One statement, and the questions from memory. */
  private async describe(q: Tx, lease: AssignmentRow, options = { history: true }): Promise<Assignment | undefined> {
    const card = await callingRepo.card(q, lease.contact_id, options);
    // The version came with the card: the cache need not read it (another node may have saved a set).
    return card && this.assignmentOf(lease, card, (await this.questions.forList(q, card.contact.list_id, card.questionsVersion)).views);
  }

  /** The quick claim's card (undefined: erased meanwhile); a connection is taken only if its list's questions are not in memory. */
  private async quickAssignment(lease: AssignmentRow, card: Card | undefined): Promise<Assignment | undefined> {
    if (!card) return undefined;
    const { contact, questionsVersion } = card;
    const questions =
      this.questions.cached(contact.list_id, questionsVersion) ?? (await this.store.read((q) => this.questions.forList(q, contact.list_id, questionsVersion)));
    return this.assignmentOf(lease, card, questions.views);
  }

  private assignmentOf(lease: AssignmentRow, card: Card, questions: QuestionView[]): Assignment {
    const { contact, history } = card;
    return {
      id: lease.id,
      expiresAt: new Date(lease.expires_at).toISOString(),
      contact: {
        id: contact.id,
        name: contact.name,
        phone: contact.phone,
        phoneDisplay: formatPhoneForDisplay(contact.phone),
        votingDistrict: contact.voting_district,
        preferredLanguage: contact.preferred_language,
        municipality: { code: contact.municipality_code, name: contact.municipality_name },
        association: { id: contact.association_id, name: contact.association_name },
        list: {
          id: contact.list_id,
          name: contact.list_name,
          script: contact.script,
          instructions: contact.instructions,
          scriptLanguage: contact.script_language,
          notesEnabled: contact.notes_enabled === 1,
        },
        attempts: contact.attempts,
        history: history.map((attempt) => ({
          at: new Date(attempt.ended_at).toISOString(),
          outcome: attempt.outcome,
          // Notes switched off hide the ones written before the switch too: the owner wants none shown.
          note: contact.notes_enabled === 1 ? attempt.note : null,
          callbackAt: attempt.callback_at === null ? null : new Date(attempt.callback_at).toISOString(),
        })),
        questions,
      },
    };
  }
}

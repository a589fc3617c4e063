import {
  CALLBACK_MAX_DAYS,
  CALLING_LANGUAGE,
  OUTCOME_RULES,
  type Answers,
  type Assignment,
  type CallOutcomeInput,
  type ContactNextResult,
  type Failure,
  type OkResult,
  type Outcome,
  type SkipInput,
} from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import type { Store, Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import { Allocator } from './allocator.ts';
import { leaseOf, type AssignmentRow } from './claim-statements.ts';
import { CallingClock } from './calling-hours.ts';
import { createGate } from './claim-gate.ts';
import { callingRepo, type OutcomeRead, type Settlement } from './calling.repo.ts';
import { createHandOutLimit, type HandOutLimit, type StationPaceFlags } from './hand-out-limit.ts';
import { nextContactState, type ContactNextState, type RetryPolicy } from './outcome-rules.ts';
import type { CallingHours } from '../../config.ts';
import type { QuestionCache } from '../questions/question-cache.ts';

export interface CallingOptions extends RetryPolicy {
  leaseMs: number;
  callingHours: CallingHours;
  timeZone: string;
  /** New contacts one station may be handed per minute (plus a burst); 0: no limit. */
  contactsPerMinute: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** One claim at the lock and one ready behind it: the lock lets one claim through at a time on every node together. */
const CLAIMS_AT_ONCE = 2;

/** The volunteer's languages besides the calling language (a shift's JSON list): contacts who prefer one of them come first. */
const spokenBesidesCalling = (languages: string): string[] =>
  (JSON.parse(languages) as string[]).filter((language) => language !== CALLING_LANGUAGE);
const OK = { ok: true } as const;

/** The calling loop's rules: next contact, outcome, skip. Each call is one store write. */
export class CallingService {
  private readonly allocator: Allocator;
  private readonly clock: CallingClock;
  private readonly handOuts: HandOutLimit;
  /** PostgreSQL: the claims of this node that may wait for the claim lock at once (claim-gate.ts). */
  private readonly claimGate: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly store: Store,
    private readonly options: CallingOptions,
    /** The lists' questions, cached: the card shows them and the outcome's answers are checked against them. */
    private readonly questions: QuestionCache,
  ) {
    this.clock = new CallingClock(options.callingHours, options.timeZone);
    this.allocator = new Allocator({ leaseMs: options.leaseMs, clock: this.clock });
    this.handOuts = createHandOutLimit(options.contactsPerMinute);
    // SQLite needs none: its claims wait for nothing, and the write batcher commits them together.
    this.claimGate = store.dialect === 'postgres' ? createGate(CLAIMS_AT_ONCE) : (work) => work();
  }

  /** Nothing is handed out until a volunteer has checked in: every attempt then belongs to a shift. */
  async next(stationId: number, now: number): Promise<ContactNextResult> {
    // A contact erased between the claim's commit and the card's read took its lease with it: claim again (bounded).
    for (let attempt = 1; ; attempt += 1) {
      // Past its pace a station gets no new contact (a leaked link must not copy the lists); the one it holds it keeps.
      // The pace is memory, read before the write and counted after it (a write may run again on PostgreSQL).
      const allowedAt = this.handOuts.nextAllowedAt(stationId, now);
      const claimed =
        (await this.quickClaim(stationId, now, allowedAt)) ??
        (await this.claimGate(() => this.store.write((q) => this.nextInside(q, stationId, now, allowedAt))));
      if ('result' in claimed) {
        if (!claimed.result.assignment && claimed.result.reason === 'rate_limited') this.handOuts.refused(stationId, now);
        return claimed.result;
      }
      if (claimed.handedOut) this.handOuts.handedOut(stationId, now);
      // The card is read after the claim commits: on PostgreSQL every claim waits for the claim lock,
      // held to the commit, so its reads must not run under it. The lease is the station's own by then.
      const assignment = await this.store.read((q) => this.describe(q, claimed.lease));
      if (assignment) return { ok: true, assignment };
      if (attempt === 3) throw new Error(`station ${stationId}: each contact handed out was erased before its card was read`);
    }
  }

  /**
   * PostgreSQL's common claim without a transaction around it (every claim there waits for the claim
   * lock, so the fewer round trips around it the better): one read of what the claim decides on, then
   * the station's own live lease again, or the probe as a write of its own (Allocator.take).
   * Undefined whenever anything else may be needed: a lease to expire or withdraw, no shift, the
   * pace, closed hours, no head taken. `nextInside` then decides, in one write, as on SQLite. The
   * reads before the lock may be stale as `Allocator.claim` explains; the probe's guard covers the
   * station's other claim through another node.
   */
  private async quickClaim(stationId: number, now: number, allowedAt: number | undefined): Promise<{ lease: AssignmentRow; handedOut: boolean } | undefined> {
    if (this.store.dialect !== 'postgres') return undefined;
    const context = await this.store.read((q) => callingRepo.claimContext(q, stationId, now));
    if (!context || context.open_shift === null || context.due === 1) return undefined;
    if (context.id !== null) return context.expires_at! > now && context.blocked === 0 ? { lease: leaseOf(context), handedOut: false } : undefined;
    if (allowedAt !== undefined || !this.clock.isOpen(now)) return undefined;
    const scope = {
      shiftId: context.open_shift,
      associationId: context.list_id === null ? (context.team_association ?? context.association_id) : null,
      languages: spokenBesidesCalling(context.languages!),
    };
    const where = { fixedList: context.list_id, association: scope.associationId, room: context.room_id };
    const lease = await this.claimGate(() => this.allocator.take(this.store, stationId, now, scope, where));
    return lease && { lease, handedOut: true };
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

  /** Records an attempt once per assignment; a repeated report is answered with success and changes nothing. */
  /** `shiftId`: only a call of that shift (a paired phone reaches its own volunteer's calls only). */
  async recordOutcome(stationId: number, input: CallOutcomeInput, now: number, shiftId?: number): Promise<OkResult> {
    const callbackAt = input.callbackAt === undefined ? undefined : Date.parse(input.callbackAt);
    const { result, recorded } = await this.store.write((q) => this.recordInside(q, stationId, input, now, callbackAt, shiftId));
    if (recorded) this.handOuts.recorded(stationId);
    return result;
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

  private callbackProblem(input: CallOutcomeInput, now: number, callbackAt?: number): Failure | undefined {
    if (input.outcome !== 'call_back' || callbackAt === undefined) return undefined;
    if (callbackAt <= now) return failure('invalid_payload', 'callbackAt must be in the future');
    if (callbackAt > now + CALLBACK_MAX_DAYS * DAY_MS) {
      return failure('invalid_payload', `callbackAt must be within ${CALLBACK_MAX_DAYS} days`);
    }
    return undefined;
  }

  private async recordInside(
    q: Tx,
    stationId: number,
    input: CallOutcomeInput,
    now: number,
    callbackAt?: number,
    shiftId?: number,
  ): Promise<{ result: OkResult; recorded: boolean }> {
    const refused = (result: OkResult) => ({ result, recorded: false });
    const rule = OUTCOME_RULES[input.outcome];
    // One read: the lease, its contact, and for a retry the number's unanswered calls so far. On PostgreSQL
    // the contact is read as of before any wait for the lease's lock: whoever held that lock and changed
    // the lease (a repeat, a skip, an expiry) leaves it not active, and only an active lease uses that state.
    const read = await callingRepo.outcomeRead(q, input.assignmentId, rule.effect === 'retry');
    // Another station's assignment is reported as missing, so ids reveal nothing.
    if (!read || read.lease.station_id !== stationId || (shiftId !== undefined && read.lease.shift_id !== shiftId)) {
      return refused(failure('not_found', 'No such assignment at this station'));
    }
    const { lease } = read;
    // Before the time checks: a retried call-back report whose time has passed since is still a repeat.
    if (lease.status === 'completed') return refused(await this.repeatAnswer(q, lease.id, input.outcome));
    const problem = this.callbackProblem(input, now, callbackAt);
    if (problem) return refused(problem);
    if (lease.status === 'skipped') return refused(failure('assignment_closed', 'This contact was skipped'));
    // A late report reads the number's state, then writes it: on PostgreSQL a claim on another node
    // could take the number in between, so the number is locked first (a no-op on SQLite), then read again.
    // An active lease needs no lock: its number is held, and what changes a held number ends the lease
    // first, which the lease's row lock orders before or after this write.
    const { contact, unanswered } = lease.status === 'expired' ? await this.lockedRead(q, lease, rule.effect === 'retry') : read;
    // The list's owner switched notes off (opinions or health must not be collected): refused, not dropped.
    if (input.note && contact.notes_enabled === 0) return refused(failure('invalid_payload', 'Notes are switched off for this list'));
    // Checked before any write: a refused answer leaves the call unrecorded, so the station may correct and resend.
    const answerProblem = input.answers && (await this.answersProblem(q, contact.list_id, input.answers));
    if (answerProblem) return refused(answerProblem);
    if (lease.status === 'expired') {
      // A late report is still a real call: keep it unless the contact has moved on meanwhile.
      const late = this.lateReportProblem(contact.status);
      if (late) return refused(late);
      if ((contact.last_attempt_at ?? 0) > lease.created_at) {
        return refused(failure('assignment_closed', 'The lease expired and another station has called this contact since'));
      }
    }

    // A language barrier sends the contact to a volunteer who speaks their language: it must be known.
    const language = input.outcome === 'language_barrier' ? (input.language ?? contact.preferred_language) : contact.preferred_language;
    if (input.outcome === 'language_barrier' && (language === null || language === CALLING_LANGUAGE)) {
      return refused(failure('invalid_payload', 'Say which language the person speaks (a language other than the calling language)'));
    }

    // The attempt limit and the cool-down belong to the number, whichever lists it stands on; this call is one more.
    const next = nextContactState(input.outcome, rule.effect === 'retry' ? unanswered + 1 : 0, now, this.options, callbackAt);
    const { answers } = input;
    await callingRepo.writeOutcome(
      q,
      {
        call: {
          assignmentId: lease.id,
          contactId: contact.id,
          stationId,
          listId: contact.list_id,
          shiftId: lease.shift_id,
          outcome: input.outcome,
          startedAt: lease.created_at,
          endedAt: now,
          note: input.note ? input.note : null,
          callbackAt: input.outcome === 'call_back' ? (callbackAt ?? null) : null,
        },
        contact: {
          id: contact.id,
          attempts: contact.attempts + 1,
          lastOutcome: input.outcome,
          lastAttemptAt: now,
          status: next.status,
          closedReason: next.closedReason,
          nextCallAt: next.nextCallAt,
          preferredLanguage: language,
          // Once across a barrier, only speakers call the person again, until the contact is done.
          needsSpeaker: rule.effect === 'needs_speaker' || (contact.needs_speaker === 1 && next.status === 'ready') ? 1 : 0,
        },
        phone: contact.phone,
        settlement: this.settleNumber(input.outcome, next),
        counts: {
          listId: contact.list_id,
          stationId,
          shiftId: lease.shift_id,
          now,
          answered: rule.reached ? 1 : 0,
          conversations: rule.conversation ? 1 : 0,
          firstAttempt: contact.attempts === 0 ? 1 : 0,
        },
      },
      answers && ((callId) => this.saveAnswers(q, contact.id, contact.list_id, callId, answers, now)),
    );
    return { result: OK, recorded: true };
  }

  /** Each key a live question of the contact's list, each value one that question takes. */
  private async answersProblem(q: Tx, listId: number, answers: Answers): Promise<Failure | undefined> {
    const { byKey } = await this.questions.forList(q, listId);
    for (const [key, value] of Object.entries(answers)) {
      const question = byKey.get(key);
      if (!question) return failure('invalid_payload', `No question ${key} on this list`);
      if (!question.values.has(value)) return failure('invalid_payload', `${value} is not an answer to ${key}`);
    }
    return undefined;
  }

  private async saveAnswers(q: Tx, contactId: number, listId: number, callId: number, answers: Answers, now: number): Promise<void> {
    const { byKey } = await this.questions.forList(q, listId);
    for (const [key, value] of Object.entries(answers)) {
      await callingRepo.insertAnswer(q, callId, key, value);
      // A person who wants to help goes on the association's list of new helpers, to be sent a sign-up link.
      if (value === 'yes' && byKey.get(key)?.kind === 'wants_to_help') await callingRepo.addNewHelper(q, contactId, callId, now);
    }
  }

  /** A retry of the saved report succeeds; a different outcome for the same call is refused, not silently dropped. */
  private async repeatAnswer(q: Tx, assignmentId: string, outcome: Outcome): Promise<OkResult> {
    const recorded = await callingRepo.recordedOutcome(q, assignmentId);
    if (recorded === outcome) return OK;
    return failure('assignment_closed', `This call was already recorded as ${recorded}`);
  }

  /**
   * What this outcome means for the same number on other lists. Each settlement is one write that also
   * takes the number's other contacts out of 'held' (the lease's end leaves that to the outcome).
   */
  private settleNumber(outcome: Outcome, next: ContactNextState): Settlement {
    const { reached, effect } = OUTCOME_RULES[outcome];
    if (effect === 'do_not_call') return { kind: 'do_not_call' };
    // A person reached through one list is not called again through another.
    if (reached) return { kind: 'close', reason: 'reached_elsewhere' };
    if (next.status === 'done') return { kind: 'close', reason: next.closedReason };
    // Unanswered: the number cools down on every list, not only on this one.
    return { kind: 'release', until: next.nextCallAt };
  }

  /** A late report's read again, after its number's lock (see recordInside). */
  private async lockedRead(q: Tx, lease: AssignmentRow, retry: boolean): Promise<OutcomeRead> {
    await q.lock(`phone:${lease.phone}`);
    // The lease is locked by this write since the first read: it is still there.
    return (await callingRepo.outcomeRead(q, lease.id, retry))!;
  }

  private lateReportProblem(status: 'ready' | 'held' | 'done'): Failure | undefined {
    if (status === 'held') return failure('assignment_taken', 'The lease expired and the contact is being called from another station');
    if (status === 'done') return failure('assignment_closed', 'The lease expired and the contact is closed');
    return undefined;
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
    if (!card) return undefined;
    const { contact, history, questionsVersion } = card;
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
        // The version came with the card: the cache need not read it (another node may have saved a set).
        questions: (await this.questions.forList(q, contact.list_id, questionsVersion)).views,
      },
    };
  }
}

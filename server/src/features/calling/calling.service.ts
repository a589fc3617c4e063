import type { Database, Transaction } from 'better-sqlite3';
import {
  CALLBACK_MAX_DAYS,
  CALLING_LANGUAGE,
  OUTCOME_RULES,
  type Assignment,
  type CallOutcomeInput,
  type ContactNextResult,
  type Failure,
  type OkResult,
  type Outcome,
  type SkipInput,
} from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import { failure } from '../../errors.ts';
import { Allocator, type AssignmentRow } from './allocator.ts';
import { CallingClock } from './calling-hours.ts';
import { createCallingRepo, type CallingRepo, type OutcomeContactRow } from './calling.repo.ts';
import { createHandOutLimit, type HandOutLimit, type StationPaceFlags } from './hand-out-limit.ts';
import { nextContactState, type ContactNextState, type RetryPolicy } from './outcome-rules.ts';
import type { CallingHours } from '../../config.ts';

export interface CallingOptions extends RetryPolicy {
  leaseMs: number;
  callingHours: CallingHours;
  timeZone: string;
  /** New contacts one station may be handed per minute (plus a burst); 0: no limit. */
  contactsPerMinute: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const OK = { ok: true } as const;

/** The calling loop's rules: next contact, outcome, skip. Each call is one transaction. */
export class CallingService {
  private readonly allocator: Allocator;
  private readonly repo: CallingRepo;
  private readonly handOuts: HandOutLimit;
  // Made once: better-sqlite3 builds four wrapper functions for each transaction() (a few µs a cycle).
  private readonly recordTx: Transaction<(stationId: number, input: CallOutcomeInput, now: number, callbackAt?: number, shiftId?: number) => OkResult>;
  private readonly skipTx: Transaction<(stationId: number, input: SkipInput, now: number) => OkResult>;

  constructor(
    sqlite: Database,
    private readonly options: CallingOptions,
  ) {
    const clock = new CallingClock(options.callingHours, options.timeZone);
    this.allocator = new Allocator(sqlite, { leaseMs: options.leaseMs, clock });
    this.repo = createCallingRepo(sqlite);
    this.handOuts = createHandOutLimit(options.contactsPerMinute);
    this.recordTx = sqlite.transaction((stationId: number, input: CallOutcomeInput, now: number, callbackAt?: number, shiftId?: number) =>
      this.recordInside(stationId, input, now, callbackAt, shiftId),
    );
    this.skipTx = sqlite.transaction((stationId: number, input: SkipInput, now: number) => this.skipInside(stationId, input, now));
  }

  /** Nothing is handed out until a volunteer has checked in: every attempt then belongs to a shift. */
  next(stationId: number, now: number): ContactNextResult {
    const shift = this.repo.openShift(stationId);
    if (!shift) return { ok: true, assignment: null, reason: 'not_checked_in' };
    // The volunteer's languages besides the calling language: contacts who prefer one of them come first.
    const languages = (JSON.parse(shift.languages) as string[]).filter((language) => language !== CALLING_LANGUAGE);
    // Past its pace a station gets no new contact (a leaked link must not copy the lists); the one it holds it keeps.
    const allowedAt = this.handOuts.nextAllowedAt(stationId, now);
    if (allowedAt !== undefined && !this.holds(stationId, now)) {
      this.handOuts.refused(stationId, now);
      this.repo.seeShift(shift.id, now);
      return { ok: true, assignment: null, reason: 'rate_limited', nextAvailableAt: new Date(allowedAt).toISOString() };
    }
    // During a team evening the room calls the team's association's lists (unless a leader fixed the
    // station to one); while those have nobody to call now (held, cooling down, paused, done), the
    // volunteer's own scope, so nobody sits idle at a team evening.
    const own = { shiftId: shift.id, associationId: shift.association_id, languages };
    const team = this.repo.teamAssociationNow(shift.room_id, now, shift.association_id);
    let claim = this.allocator.claim(stationId, now, team === undefined ? own : { ...own, associationId: team });
    if (team !== undefined && team !== own.associationId && !claim.assignment && claim.reason !== 'outside_calling_hours') claim = this.allocator.claim(stationId, now, own);
    if (claim.assignment && !claim.resumed) this.handOuts.handedOut(stationId, now);
    if (!claim.assignment) {
      // Nothing to call is not the volunteer's absence: the idle check-out must not end their shift.
      this.repo.seeShift(shift.id, now);
      const { reason, nextAvailableAt } = claim;
      return {
        ok: true,
        assignment: null,
        reason,
        ...(nextAvailableAt !== undefined && { nextAvailableAt: new Date(nextAvailableAt).toISOString() }),
      };
    }
    return { ok: true, assignment: this.describe(claim.assignment) };
  }

  /** What the room board shows of a station's pace: refused for it lately, and its volunteer's skips in a row. */
  paceFlags(stationId: number, shiftId: number | null, now: number): StationPaceFlags {
    return this.handOuts.flags(stationId, shiftId, now);
  }

  private holds(stationId: number, now: number): boolean {
    const lease = this.allocator.stationLease(stationId);
    return lease !== undefined && lease.expires_at > now;
  }

  /** The contact the station holds now (what a paired phone shows), or null; hands nothing out. */
  current(stationId: number, now: number): Assignment | null {
    const lease = this.allocator.stationLease(stationId);
    // No history: the phone shows none, and this runs on every change while a phone is paired.
    return lease && lease.expires_at > now ? this.describe(lease, { history: false }) : null;
  }

  /** Records an attempt once per assignment; a repeated report is answered with success and changes nothing. */
  /** `shiftId`: only a call of that shift (a paired phone reaches its own volunteer's calls only). */
  recordOutcome(stationId: number, input: CallOutcomeInput, now: number, shiftId?: number): OkResult {
    const callbackAt = input.callbackAt === undefined ? undefined : Date.parse(input.callbackAt);
    return this.recordTx.immediate(stationId, input, now, callbackAt, shiftId);
  }

  skip(stationId: number, input: SkipInput, now: number): OkResult {
    return this.skipTx.immediate(stationId, input, now);
  }

  private skipInside(stationId: number, input: SkipInput, now: number): OkResult {
    const lease = this.ownLease(stationId, input.assignmentId);
    if (!lease) return failure('not_found', 'No such assignment at this station');
    if (lease.status === 'skipped' || lease.status === 'expired') return OK;
    if (lease.status === 'completed') return failure('assignment_closed', 'An outcome was already recorded');
    this.allocator.releaseSkipped(lease, now);
    this.handOuts.skipped(stationId, lease.shift_id);
    if (lease.shift_id !== null) this.repo.touchShift(lease.shift_id, now);
    return OK;
  }

  /** The volunteer did something (a flag): "idle" on the board and the idle check-out start again. Call inside a write. */
  touchShift(shiftId: number, now: number): void {
    this.repo.touchShift(shiftId, now);
  }

  private callbackProblem(input: CallOutcomeInput, now: number, callbackAt?: number): Failure | undefined {
    if (input.outcome !== 'call_back' || callbackAt === undefined) return undefined;
    if (callbackAt <= now) return failure('invalid_payload', 'callbackAt must be in the future');
    if (callbackAt > now + CALLBACK_MAX_DAYS * DAY_MS) {
      return failure('invalid_payload', `callbackAt must be within ${CALLBACK_MAX_DAYS} days`);
    }
    return undefined;
  }

  private recordInside(stationId: number, input: CallOutcomeInput, now: number, callbackAt?: number, shiftId?: number): OkResult {
    const lease = this.ownLease(stationId, input.assignmentId);
    if (!lease || (shiftId !== undefined && lease.shift_id !== shiftId)) return failure('not_found', 'No such assignment at this station');
    // Before the time checks: a retried call-back report whose time has passed since is still a repeat.
    if (lease.status === 'completed') return this.repeatAnswer(lease.id, input.outcome);
    const problem = this.callbackProblem(input, now, callbackAt);
    if (problem) return problem;
    if (lease.status === 'skipped') return failure('assignment_closed', 'This contact was skipped');
    const contact = this.repo.outcomeContact(lease.contact_id)!;
    // The list's owner switched notes off (opinions or health must not be collected): refused, not dropped.
    if (input.note && contact.notes_enabled === 0) return failure('invalid_payload', 'Notes are switched off for this list');
    if (lease.status === 'expired') {
      // A late report is still a real call: keep it unless the contact has moved on meanwhile.
      const late = this.lateReportProblem(contact.status);
      if (late) return late;
      if ((contact.last_attempt_at ?? 0) > lease.created_at) {
        return failure('assignment_closed', 'The lease expired and another station has called this contact since');
      }
    }

    // A language barrier sends the contact to a volunteer who speaks their language: it must be known.
    const language = input.outcome === 'language_barrier' ? (input.language ?? contact.preferred_language) : contact.preferred_language;
    if (input.outcome === 'language_barrier' && (language === null || language === CALLING_LANGUAGE)) {
      return failure('invalid_payload', 'Say which language the person speaks (a language other than the calling language)');
    }

    const rule = OUTCOME_RULES[input.outcome];
    this.allocator.completeLease(lease, now);
    this.repo.insertCall({
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
    });
    // The attempt limit and the cool-down belong to the number, whichever lists it stands on.
    const unanswered = rule.effect === 'retry' ? this.repo.unansweredAttempts(contact.phone) : 0;
    const next = nextContactState(input.outcome, unanswered, now, this.options, callbackAt);
    this.repo.updateContact({
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
    });
    this.settleNumber(contact, input.outcome, next, now);
    this.repo.countAttempt({
      listId: contact.list_id,
      stationId,
      shiftId: lease.shift_id,
      now,
      answered: rule.reached ? 1 : 0,
      conversations: rule.conversation ? 1 : 0,
      firstAttempt: contact.attempts === 0 ? 1 : 0,
    });
    this.handOuts.recorded(stationId);
    return OK;
  }

  /** A retry of the saved report succeeds; a different outcome for the same call is refused, not silently dropped. */
  private repeatAnswer(assignmentId: string, outcome: Outcome): OkResult {
    const recorded = this.repo.recordedOutcome(assignmentId);
    if (recorded === outcome) return OK;
    return failure('assignment_closed', `This call was already recorded as ${recorded}`);
  }

  /**
   * What this outcome means for the same number on other lists. Each branch is one write that also
   * takes the number's other contacts out of 'held' (the lease's end leaves that to the outcome).
   */
  private settleNumber(contact: OutcomeContactRow, outcome: Outcome, next: ContactNextState, now: number): void {
    const { reached, effect } = OUTCOME_RULES[outcome];
    if (effect === 'do_not_call') return this.repo.addDoNotCall(contact.phone, contact.id, now);
    // A person reached through one list is not called again through another.
    if (reached) return this.repo.closeOthers(contact.phone, contact.id, 'reached_elsewhere');
    if (next.status === 'done') return this.repo.closeOthers(contact.phone, contact.id, next.closedReason);
    // Unanswered: the number cools down on every list, not only on this one.
    this.repo.releaseOthers(contact.phone, contact.id, next.nextCallAt);
  }

  private lateReportProblem(status: 'ready' | 'held' | 'done'): Failure | undefined {
    if (status === 'held') return failure('assignment_taken', 'The lease expired and the contact is being called from another station');
    if (status === 'done') return failure('assignment_closed', 'The lease expired and the contact is closed');
    return undefined;
  }

  /** The allocator, for the shift rules that return a departing volunteer's contact to the queue. */
  releaseStation(stationId: number, now: number): void {
    this.allocator.releaseStation(stationId, now);
  }

  private ownLease(stationId: number, assignmentId: string): AssignmentRow | undefined {
    const lease = this.allocator.findLease(assignmentId);
    // Another station's assignment is reported as missing, so ids reveal nothing.
    return lease && lease.station_id === stationId ? lease : undefined;
  }

  private describe(lease: AssignmentRow, options = { history: true }): Assignment {
    const contact = this.repo.contact(lease.contact_id)!;
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
        // questions-server fills this from list_questions; until that merges, no list has any.
        questions: [],
        attempts: contact.attempts,
        history: (options.history ? this.repo.history(contact.id) : []).map((attempt) => ({
          at: new Date(attempt.ended_at).toISOString(),
          outcome: attempt.outcome,
          // Notes switched off hide the ones written before the switch too: the owner wants none shown.
          note: contact.notes_enabled === 1 ? attempt.note : null,
          callbackAt: attempt.callback_at === null ? null : new Date(attempt.callback_at).toISOString(),
        })),
      },
    };
  }
}

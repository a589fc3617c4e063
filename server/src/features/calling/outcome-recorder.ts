import {
  CALLBACK_MAX_DAYS,
  CALLING_LANGUAGE,
  OUTCOME_RULES,
  type Answers,
  type CallOutcomeInput,
  type Failure,
  type OkResult,
  type Outcome,
  type Shift,
} from '@ringstuga/shared';
import type { Store, Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import { CLAIM_LOCK, type AssignmentRow } from './claim-statements.ts';
import { callingRepo, type OutcomeRead, type OutcomeWrite, type Settlement } from './calling.repo.ts';
import { nextContactState, type ContactNextState, type RetryPolicy } from './outcome-rules.ts';
import type { QuestionCache } from '../questions/question-cache.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const OK = { ok: true } as const;

/** `shift`: the station's open shift as the write left it, when the write returned it (PostgreSQL's quick report). */
type Recorded = { result: OkResult; recorded: boolean; shift?: Shift };
/** What an outcome report comes to: refused (with the answer to give), or the write to make. */
type Plan = { refused: OkResult } | { write: OutcomeWrite };

/** An outcome report, checked once: the call's time parsed, and `shiftId` for a paired phone (its volunteer's calls only). */
interface Report {
  stationId: number;
  input: CallOutcomeInput;
  now: number;
  callbackAt: number | undefined;
  shiftId: number | undefined;
}

/**
 * Records an outcome once per assignment; a repeated report is answered with success and changes
 * nothing, a different outcome for the same call is refused. On PostgreSQL the common report (an
 * active lease) is one read and one guarded write (`quick`); anything else, and every report on
 * SQLite, is one store write that reads the lease locked, then writes (`inside`).
 */
export class OutcomeRecorder {
  constructor(
    private readonly store: Store,
    private readonly policy: RetryPolicy,
    private readonly questions: QuestionCache,
  ) {}

  async record(stationId: number, input: CallOutcomeInput, now: number, shiftId?: number): Promise<Recorded> {
    const callbackAt = input.callbackAt === undefined ? undefined : Date.parse(input.callbackAt);
    const report = { stationId, input, now, callbackAt, shiftId };
    return (await this.quick(report)) ?? this.store.write((q) => this.inside(q, report));
  }

  /**
   * PostgreSQL, an active lease: the read unlocked, then the whole outcome as one statement of its own
   * (a transaction without a round trip inside it: the list's and the hour's counter rows, which every
   * outcome on the list updates, stay locked for no round trip). The statement is guarded on the lease
   * still being active (see outcome-statements.ts outcomeWrite); undefined when it is not, or was not
   * when read (a repeat, a late report, a skipped lease): `inside` then decides, as on SQLite.
   */
  private async quick(report: Report): Promise<Recorded | undefined> {
    if (this.store.dialect !== 'postgres') return undefined;
    const plan = await this.store.read(async (q) => {
      const peek = await callingRepo.outcomePeek(q, report.input.assignmentId, this.retries(report.input.outcome));
      if (!peek || peek.read.lease.status !== 'active') return undefined;
      return this.plan(q, report, peek.read, peek.questionsVersion);
    });
    // A refusal is decided under the lease's lock (`inside`): read unlocked, the lease may be a moment
    // from completion by this same report sent before (a resend whose call-back time has passed since
    // must be answered as the repeat it is). Refusals are rare; the common report stays quick.
    if (!plan || 'refused' in plan) return undefined;
    const written = await callingRepo.writeQuickOutcome(this.store, plan.write);
    return written && { result: OK, recorded: true, ...written };
  }

  private async inside(q: Tx, report: Report): Promise<Recorded> {
    const retry = this.retries(report.input.outcome);
    // One read: the lease, its contact, and for a retry the number's unanswered calls so far. On PostgreSQL
    // the contact is read as of before any wait for the lease's lock: whoever held that lock and changed
    // the lease (a repeat, a skip, an expiry) leaves it not active, and only an active lease uses that state.
    let read = await callingRepo.outcomeRead(q, report.input.assignmentId, retry);
    // A late report reads the number's state, then writes it: on PostgreSQL a claim on another node
    // could take the number in between, so the number is locked first (a no-op on SQLite), then read again.
    // An active lease needs no lock: its number is held, and what changes a held number ends the lease
    // first, which the lease's row lock orders before or after this write.
    if (read && this.owns(report, read.lease) && read.lease.status === 'expired') read = await this.lockedRead(q, read.lease, retry);
    const plan = await this.plan(q, report, read);
    if ('refused' in plan) return { result: plan.refused, recorded: false };
    await callingRepo.writeOutcome(q, plan.write);
    return { result: OK, recorded: true };
  }

  private retries(outcome: Outcome): boolean {
    return OUTCOME_RULES[outcome].effect === 'retry';
  }

  /** Another station's assignment (or another volunteer's, for a phone) is reported as missing, so ids reveal nothing. */
  private owns(report: Report, lease: AssignmentRow): boolean {
    return lease.station_id === report.stationId && (report.shiftId === undefined || lease.shift_id === report.shiftId);
  }

  /** Every check of a report against what was read, in the order a volunteer would want them told; then the write. */
  private async plan(q: Tx, report: Report, read: OutcomeRead | undefined, questionsVersion?: string | null): Promise<Plan> {
    const { input, now, callbackAt } = report;
    const refused = (result: OkResult): Plan => ({ refused: result });
    if (!read || !this.owns(report, read.lease)) return refused(failure('not_found', 'No such assignment at this station'));
    const { lease, contact, unanswered } = read;
    // Before the time checks: a retried call-back report whose time has passed since is still a repeat.
    if (lease.status === 'completed') return refused(await this.repeatAnswer(q, lease.id, input.outcome));
    const problem = this.callbackProblem(input, now, callbackAt);
    if (problem) return refused(problem);
    if (lease.status === 'skipped') return refused(failure('assignment_closed', 'This contact was skipped'));
    // The list's owner switched notes off (opinions or health must not be collected): refused, not dropped.
    if (input.note && contact.notes_enabled === 0) return refused(failure('invalid_payload', 'Notes are switched off for this list'));
    // Checked before any write: a refused answer leaves the call unrecorded, so the station may correct and resend.
    const answers = input.answers && (await this.checkAnswers(q, contact.list_id, input.answers, questionsVersion));
    if (answers && 'problem' in answers) return refused(answers.problem);
    if (lease.status === 'expired') {
      // A late report is still a real call: keep it unless the contact has moved on meanwhile.
      const late = this.lateReportProblem(contact.status);
      if (late) return refused(late);
      if ((contact.last_attempt_at ?? 0) > lease.created_at) {
        return refused(failure('assignment_closed', 'The lease expired and another station has called this contact since'));
      }
    }

    // A language barrier sends the contact to a volunteer who speaks their language: it must be known.
    const barrierLanguage = input.outcome === 'language_barrier' ? (input.language ?? contact.preferred_language) : null;
    if (input.outcome === 'language_barrier' && (barrierLanguage === null || barrierLanguage === CALLING_LANGUAGE)) {
      return refused(failure('invalid_payload', 'Say which language the person speaks (a language other than the calling language)'));
    }

    const rule = OUTCOME_RULES[input.outcome];
    // The attempt limit and the cool-down belong to the number, whichever lists it stands on; this call is one more.
    const next = nextContactState(input.outcome, rule.effect === 'retry' ? unanswered + 1 : 0, now, this.policy, callbackAt);
    return {
      write: {
        call: {
          assignmentId: lease.id,
          contactId: contact.id,
          stationId: report.stationId,
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
          // Once across a barrier, only speakers call the person again, until the contact is done.
          barrierLanguage,
        },
        // The number the lease holds, whose other contacts are held with it (a re-import may have given this contact another since).
        phone: lease.phone,
        settlement: this.settleNumber(input.outcome, next),
        counts: {
          listId: contact.list_id,
          stationId: report.stationId,
          shiftId: lease.shift_id,
          now,
          answered: rule.reached ? 1 : 0,
          conversations: rule.conversation ? 1 : 0,
          firstAttempt: contact.attempts === 0 ? 1 : 0,
        },
        answers: input.answers ?? {},
        wantsToHelp: answers !== undefined && answers.wantsToHelp,
      },
    };
  }

  private callbackProblem(input: CallOutcomeInput, now: number, callbackAt?: number): Failure | undefined {
    if (input.outcome !== 'call_back' || callbackAt === undefined) return undefined;
    if (callbackAt <= now) return failure('invalid_payload', 'callbackAt must be in the future');
    if (callbackAt > now + CALLBACK_MAX_DAYS * DAY_MS) {
      return failure('invalid_payload', `callbackAt must be within ${CALLBACK_MAX_DAYS} days`);
    }
    return undefined;
  }

  /**
   * Each key a live question of the contact's list, each value one that question takes; and whether a
   * "yes" to wants_to_help puts the person on the association's list of new helpers, to be sent a sign-up link.
   */
  private async checkAnswers(
    q: Tx,
    listId: number,
    answers: Answers,
    version?: string | null,
  ): Promise<{ problem: Failure } | { wantsToHelp: boolean }> {
    const { byKey } = await this.questions.forList(q, listId, version);
    let wantsToHelp = false;
    for (const [key, value] of Object.entries(answers)) {
      const question = byKey.get(key);
      if (!question) return { problem: failure('invalid_payload', `No question ${key} on this list`) };
      if (!question.values.has(value)) return { problem: failure('invalid_payload', `${value} is not an answer to ${key}`) };
      if (value === 'yes' && question.kind === 'wants_to_help') wantsToHelp = true;
    }
    return { wantsToHelp };
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

  /**
   * A late report's read again, after its number's lock (see inside) and the claim lock: a claim
   * takes no number lock, so without the claim's a claim could hold the number between this read
   * and the write, which would then close or release a contact another station holds.
   */
  private async lockedRead(q: Tx, lease: AssignmentRow, retry: boolean): Promise<OutcomeRead> {
    await q.lock([CLAIM_LOCK, `phone:${lease.phone}`]);
    // The lease is locked by this write since the first read: it is still there.
    return (await callingRepo.outcomeRead(q, lease.id, retry))!;
  }

  private lateReportProblem(status: 'ready' | 'held' | 'done'): Failure | undefined {
    if (status === 'held') return failure('assignment_taken', 'The lease expired and the contact is being called from another station');
    if (status === 'done') return failure('assignment_closed', 'The lease expired and the contact is closed');
    return undefined;
  }
}

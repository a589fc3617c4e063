// The outcome's statement texts, apart from calling.repo.ts (which prepares them) for their length:
// the counters' shared texts, the outcome's one read, and PostgreSQL's one write; and the rows they take.
import type { Outcome } from '@ringstuga/shared';
import { RETRY_SQL } from '../../db/outcome-sql.ts';
import { statement } from '../../db/store/statement.ts';
import type { AssignmentRow } from './claim-statements.ts';

/** What recording an outcome reads of the contact: no card, no joins beyond the list's notes switch. */
export interface OutcomeContactRow {
  id: number;
  list_id: number;
  phone: string;
  preferred_language: string | null;
  needs_speaker: number;
  status: 'ready' | 'held' | 'done';
  attempts: number;
  last_attempt_at: number | null;
  notes_enabled: number;
}

export interface NewCall {
  assignmentId: string;
  contactId: number;
  stationId: number;
  listId: number;
  shiftId: number | null;
  outcome: Outcome;
  startedAt: number;
  endedAt: number;
  note: string | null;
  callbackAt: number | null;
}

export interface ContactUpdate {
  id: number;
  attempts: number;
  lastOutcome: Outcome;
  lastAttemptAt: number;
  status: 'ready' | 'done';
  closedReason: string | null;
  nextCallAt: number;
  /** After a language barrier: the person's language, and that only its speakers may be offered the contact. */
  preferredLanguage: string | null;
  needsSpeaker: 0 | 1;
}

export type AttemptCounts = {
  listId: number;
  stationId: number;
  shiftId: number | null;
  now: number;
  answered: number;
  conversations: number;
  firstAttempt: number;
};

/** The outcome's read as one row: the lease's columns, then the contact's (renamed where they clash). */
export type OutcomeReadRow = AssignmentRow &
  Omit<OutcomeContactRow, 'id' | 'phone' | 'status'> & { contact_phone: string; contact_status: OutcomeContactRow['status']; unanswered: number };

export function outcomeRead(retry: boolean) {
  // Before this call's insert: the caller adds it (it is one, and unanswered).
  const unanswered = retry
    ? `(SELECT COUNT(*) FROM calls k JOIN contacts o ON o.id = k.contact_id WHERE o.phone = c.phone AND k.outcome IN (${RETRY_SQL}))`
    : '0';
  const text = `SELECT a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       c.list_id, c.phone AS contact_phone, c.preferred_language, c.needs_speaker, c.status AS contact_status, c.attempts,
       c.last_attempt_at, l.notes_enabled, ${unanswered} AS unanswered
     FROM assignments a JOIN contacts c ON c.id = a.contact_id JOIN call_lists l ON l.id = c.list_id
     WHERE a.id = ?`;
  return statement<[string], OutcomeReadRow>({ sqlite: text, postgres: `${text} FOR UPDATE OF a` });
}

/** The PostgreSQL outcome write's parameters: the call's, the contact's (but its id), the number's, the counters'. */
type Flat<T> = { [K in keyof T]: T[K] };
export type OutcomeParams = Flat<
  NewCall & Omit<ContactUpdate, 'id'> & AttemptCounts & { hourStart: number; phone: string; doNotCall: 0 | 1; closeReason: string | null; releaseUntil: number | null }
>;

/**
 * PostgreSQL: an outcome's writes but the list's and the hour's counters, as data-modifying CTEs of
 * one statement (one round trip instead of six). No two of them touch the same row (PostgreSQL
 * leaves that undefined): the lease; the call; the contact by its id; the number's other contacts
 * (id <> the contact's), closed or released, never both; the register; the shift. The same
 * statements as calling.repo.ts's separate ones (SQLite's), each through the same index.
 */
export const OUTCOME_WRITE = `WITH lease AS (UPDATE assignments SET status = 'completed', ended_at = @endedAt WHERE id = @assignmentId),
   call AS (
     INSERT INTO calls (assignment_id, contact_id, station_id, list_id, shift_id, outcome, started_at, ended_at, note, callback_at)
     VALUES (@assignmentId, @contactId, @stationId, @listId, @shiftId, @outcome, @startedAt, @endedAt, @note, @callbackAt)
     RETURNING id),
   contact AS (
     UPDATE contacts SET attempts = @attempts, last_outcome = @lastOutcome, last_attempt_at = @lastAttemptAt,
       status = @status, closed_reason = @closedReason, next_call_at = @nextCallAt,
       preferred_language = @preferredLanguage, needs_speaker = @needsSpeaker
     WHERE id = @contactId),
   register AS (
     INSERT INTO do_not_call (phone, added_at, source) SELECT CAST(@phone AS TEXT), CAST(@now AS BIGINT), 'outcome'
     WHERE CAST(@doNotCall AS INTEGER) = 1 ON CONFLICT DO NOTHING),
   closed AS (
     UPDATE contacts SET status = 'done', closed_reason = CAST(@closeReason AS TEXT)
     WHERE CAST(@closeReason AS TEXT) IS NOT NULL AND phone = @phone AND id <> @contactId AND status <> 'done'),
   released AS (
     UPDATE contacts SET status = 'ready', next_call_at = GREATEST(next_call_at, CAST(@releaseUntil AS BIGINT))
     WHERE CAST(@releaseUntil AS BIGINT) IS NOT NULL AND phone = @phone AND id <> @contactId AND status IN ('ready', 'held')),
   shift AS (
     UPDATE shifts SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, last_activity_at = GREATEST(last_activity_at, @now)
     WHERE id = @shiftId)
   SELECT id FROM call`;

// The outcome's statement texts, apart from calling.repo.ts (which prepares them) for their length:
// the counters' shared texts, the outcome's one read, and PostgreSQL's one write; and the rows they take.
import type { Outcome } from '@ringstuga/shared';
import { RETRY_SQL } from '../../db/outcome-sql.ts';
import { statement } from '../../db/store/statement.ts';
import { QUESTIONS_VERSION_SUBQUERY } from '../questions/question-cache.ts';
import { SHIFT_VIEW_COLUMNS } from '../figures/shift-view.ts';
import type { AssignmentRow } from './claim-statements.ts';

/** What recording an outcome reads of the contact: no card, no joins beyond the list's notes switch. */
export interface OutcomeContactRow {
  id: number;
  list_id: number;
  phone: string;
  preferred_language: string | null;
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
  /**
   * A language barrier: the person's language, and from now on only its speakers are offered the
   * contact. Null: the contact's language and its wait for a speaker stay as they are when written
   * (a leader's release of the speakers or a re-import may have changed them during the call).
   */
  barrierLanguage: string | null;
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

// The list's counters (its primary key), and the hour's row (its primary key, an upsert): see
// countListAndHour. `guard`: a condition the quick outcome adds (its lease still active).
export const listCount = (guard = 'TRUE') => `UPDATE call_lists SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, persons_called = persons_called + @firstAttempt
     WHERE id = @listId AND ${guard}`;
export const hourUpsert = (guard = 'TRUE') => `INSERT INTO activity_hours (hour_start, room_id, list_id, attempts, answered, conversations, persons_called)
     SELECT CAST(@hourStart AS BIGINT), room_id, CAST(@listId AS BIGINT), 1, CAST(@answered AS BIGINT), CAST(@conversations AS BIGINT), CAST(@firstAttempt AS BIGINT)
     FROM stations WHERE id = @stationId AND ${guard}
     ON CONFLICT (hour_start, room_id, list_id) DO UPDATE SET attempts = activity_hours.attempts + 1,
       answered = activity_hours.answered + excluded.answered, conversations = activity_hours.conversations + excluded.conversations,
       persons_called = activity_hours.persons_called + excluded.persons_called`;

/**
 * A "yes" to wants_to_help: the person on the association's list of new helpers, once per number and
 * list (new_helpers_list_phone). `callId`: the call's id as SQL; `from`: a relation before the contact's.
 */
export const newHelperInsert = (callId: string, from = '', guard = 'TRUE') => `INSERT INTO new_helpers (association_id, list_id, contact_id, call_id, name, phone, created_at)
     SELECT l.association_id, c.list_id, c.id, ${callId}, c.name, c.phone, CAST(@now AS BIGINT)
     FROM ${from}contacts c JOIN call_lists l ON l.id = c.list_id WHERE c.id = @contactId AND ${guard}
     ON CONFLICT (list_id, phone) DO NOTHING`;

/** `extra`: more columns after the read's own (the quick outcome's questions' version). */
function outcomeReadText(retry: boolean, extra = ''): string {
  // Before this call's insert: the caller adds it (it is one, and unanswered).
  const unanswered = retry
    ? `(SELECT COUNT(*) FROM calls k JOIN contacts o ON o.id = k.contact_id WHERE o.phone = c.phone AND k.outcome IN (${RETRY_SQL}))`
    : '0';
  return `SELECT a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       c.list_id, c.phone AS contact_phone, c.preferred_language, c.status AS contact_status, c.attempts,
       c.last_attempt_at, l.notes_enabled, ${unanswered} AS unanswered${extra}
     FROM assignments a JOIN contacts c ON c.id = a.contact_id JOIN call_lists l ON l.id = c.list_id
     WHERE a.id = ?`;
}

export function outcomeRead(retry: boolean) {
  const text = outcomeReadText(retry);
  return statement<[string], OutcomeReadRow>({ sqlite: text, postgres: `${text} FOR UPDATE OF a` });
}

/** PostgreSQL's quick outcome's read: unlocked (the write is guarded), with the questions' version (QuestionCache). */
export function outcomePeek(retry: boolean) {
  const text = outcomeReadText(retry, `, ${QUESTIONS_VERSION_SUBQUERY} AS questions_version`);
  return statement<[string], OutcomeReadRow & { questions_version: string | null }>({ sqlite: 'SELECT 1 -- PostgreSQL only', postgres: text });
}

/** The PostgreSQL outcome write's parameters: the call's, the contact's (but its id), the number's, the answers', the counters'. */
type Flat<T> = { [K in keyof T]: T[K] };
export type OutcomeParams = Flat<
  NewCall &
    Omit<ContactUpdate, 'id'> &
    AttemptCounts & {
      hourStart: number;
      phone: string;
      doNotCall: 0 | 1;
      closeReason: string | null;
      releaseUntil: number | null;
      /** The answers as a JSON object (question key: value), '{}' for none. */
      answers: string;
      /** 1: a "yes" to a wants_to_help question (the person goes on the list of new helpers). */
      wantsToHelp: 0 | 1;
    }
>;

/**
 * The contact's language and its wait for a speaker, as the outcome leaves them (ContactUpdate
 * barrierLanguage): set by a barrier, else kept as the row stands when written, and no wait once done.
 */
export const SPEAKER_SET = `preferred_language = COALESCE(CAST(@barrierLanguage AS TEXT), preferred_language),
       needs_speaker = CASE WHEN CAST(@barrierLanguage AS TEXT) IS NOT NULL THEN 1 WHEN CAST(@status AS TEXT) = 'ready' THEN needs_speaker ELSE 0 END`;

// The quick outcome's row: the call's id, and the station's open shift as the write left it (its
// figures), so no read of it follows the outcome; null when the lease's shift is not the station's
// open one (it ended meanwhile), which the station's own read then settles.
const QUICK_RESULT = `SELECT call.id, to_json(v) AS shift FROM call LEFT JOIN LATERAL (
     SELECT ${SHIFT_VIEW_COLUMNS}
     FROM shift s LEFT JOIN associations a ON a.id = s.association_id
     WHERE s.station_id = @stationId AND s.ended_at IS NULL) v ON TRUE`;

/**
 * PostgreSQL: an outcome's writes as data-modifying CTEs of one statement (one round trip instead of
 * one per statement). No two of them touch the same row (PostgreSQL leaves that undefined): the lease; the call;
 * the contact by its id; the number's other contacts (id <> the contact's), closed or released, never
 * both; the register; the shift; the answers; the new helper. The same statements as calling.repo.ts's
 * separate ones (SQLite's), each through the same index. Each write but the lease's waits for the
 * lease's (EXISTS over its RETURNING), so when the lease's guard leaves it unchanged nothing is written.
 *
 * `quick`: the statement is the whole outcome, a transaction of its own (Store.writeOne), after an
 * unlocked read (outcomePeek). Its guard is the lease still active: what changes a held contact ends
 * its lease first, so an active lease means the read still holds (an ended lease is never active
 * again); a report that raced another (a repeat through another node, an expiry) waits for the
 * lease's row lock, finds it no longer active, and writes nothing. It also counts the list and the
 * hour, so their rows are locked for no round trip, and last: PostgreSQL runs the CTEs the main query
 * does not read after it, in the reverse of their order here (measured on PostgreSQL 15), so they stand
 * first. A write that waits for a contact's row (an import holding it) then holds no counter row, which
 * every outcome on the list needs. (Its result reads the shift's update, which so runs with the call's
 * insert, before them: that row is the station's own, which no other station's outcome needs.)
 * Otherwise (in a transaction that locked the lease) the counters come after, in countListAndHour
 * (see there).
 */
export function outcomeWrite(quick: boolean): string {
  const live = 'EXISTS (SELECT 1 FROM lease)';
  const counters = quick
    ? `,
   list AS (${listCount(live)}),
   hour AS (${hourUpsert(live)})`
    : '';
  return `WITH lease AS (
     UPDATE assignments SET status = 'completed', ended_at = @endedAt WHERE id = @assignmentId${quick ? " AND status = 'active'" : ''}
     RETURNING id),
   call AS (
     INSERT INTO calls (assignment_id, contact_id, station_id, list_id, shift_id, outcome, started_at, ended_at, note, callback_at)
     SELECT lease.id, CAST(@contactId AS INTEGER), CAST(@stationId AS INTEGER), CAST(@listId AS INTEGER), CAST(@shiftId AS INTEGER),
       CAST(@outcome AS TEXT), CAST(@startedAt AS BIGINT), CAST(@endedAt AS BIGINT), CAST(@note AS TEXT), CAST(@callbackAt AS BIGINT) FROM lease
     RETURNING id)${counters},
   contact AS (
     UPDATE contacts SET attempts = @attempts, last_outcome = @lastOutcome, last_attempt_at = @lastAttemptAt,
       status = @status, closed_reason = @closedReason, next_call_at = @nextCallAt,
       ${SPEAKER_SET}
     WHERE id = @contactId AND ${live}),
   register AS (
     INSERT INTO do_not_call (phone, added_at, source) SELECT CAST(@phone AS TEXT), CAST(@now AS BIGINT), 'outcome'
     WHERE CAST(@doNotCall AS INTEGER) = 1 AND ${live} ON CONFLICT DO NOTHING),
   closed AS (
     UPDATE contacts SET status = 'done', closed_reason = CAST(@closeReason AS TEXT)
     WHERE CAST(@closeReason AS TEXT) IS NOT NULL AND phone = @phone AND id <> @contactId AND status <> 'done' AND ${live}),
   released AS (
     UPDATE contacts SET status = 'ready', next_call_at = GREATEST(next_call_at, CAST(@releaseUntil AS BIGINT))
     WHERE CAST(@releaseUntil AS BIGINT) IS NOT NULL AND phone = @phone AND id <> @contactId AND status IN ('ready', 'held') AND ${live}),
   shift AS (
     UPDATE shifts SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, last_activity_at = GREATEST(last_activity_at, @now)
     WHERE id = @shiftId AND ${live}${quick ? '\n     RETURNING *' : ''}),
   answer AS (
     INSERT INTO call_answers (call_id, question_key, value)
     SELECT call.id, given.key, given.value FROM call, jsonb_each_text(CAST(@answers AS JSONB)) given),
   helper AS (${newHelperInsert('call.id', 'call, ', 'CAST(@wantsToHelp AS INTEGER) = 1')})
   ${quick ? QUICK_RESULT : 'SELECT id FROM call'}`;
}

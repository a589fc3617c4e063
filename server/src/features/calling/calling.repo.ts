import type { Database } from 'better-sqlite3';
import { OUTCOME_RULES, OUTCOMES, type Outcome } from '@ringstuga/shared';

const RETRY_OUTCOMES = OUTCOMES.filter((outcome) => OUTCOME_RULES[outcome].effect === 'retry');

export interface ContactRow {
  id: number;
  list_id: number;
  name: string;
  phone: string;
  voting_district: string | null;
  status: 'ready' | 'held' | 'done';
  attempts: number;
  last_attempt_at: number | null;
  municipality_code: string;
  municipality_name: string;
  association_id: number;
  association_name: string;
}

export interface AttemptRow {
  ended_at: number;
  outcome: Outcome;
  note: string | null;
  callback_at: number | null;
}

export interface NewCall {
  assignmentId: string;
  contactId: number;
  stationId: number;
  listId: number;
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
}

/** Queries for the calling loop, prepared once (they run on every cycle). */
export function createCallingRepo(sqlite: Database) {
  const contact = sqlite.prepare(
    `SELECT c.id, c.list_id, c.name, c.phone, c.voting_district, c.status, c.attempts, c.last_attempt_at,
            m.code AS municipality_code, m.name AS municipality_name,
            a.id AS association_id, a.name AS association_name
     FROM contacts c
     JOIN call_lists l ON l.id = c.list_id
     JOIN associations a ON a.id = l.association_id
     JOIN municipalities m ON m.code = a.municipality_code
     WHERE c.id = ?`,
  );
  const history = sqlite.prepare(
    `SELECT ended_at, outcome, note, callback_at FROM calls WHERE contact_id = ? ORDER BY ended_at, id`,
  );
  const updateContact = sqlite.prepare(
    `UPDATE contacts SET attempts = @attempts, last_outcome = @lastOutcome, last_attempt_at = @lastAttemptAt,
       status = @status, closed_reason = @closedReason, next_call_at = @nextCallAt
     WHERE id = @id`,
  );
  const closeOthers = sqlite.prepare(
    `UPDATE contacts SET status = 'done', closed_reason = ? WHERE phone = ? AND id <> ? AND status <> 'done'`,
  );
  const addDoNotCall = sqlite.prepare(
    `INSERT INTO do_not_call (phone, added_at, source) VALUES (?, ?, 'outcome') ON CONFLICT DO NOTHING`,
  );
  const recordedOutcome = sqlite.prepare('SELECT outcome FROM calls WHERE assignment_id = ?');
  const holdOff = sqlite.prepare(`UPDATE contacts SET next_call_at = MAX(next_call_at, ?) WHERE phone = ? AND status = 'ready'`);
  const unansweredAttempts = sqlite.prepare(
    `SELECT COUNT(*) AS n FROM calls k JOIN contacts c ON c.id = k.contact_id
     WHERE c.phone = ? AND k.outcome IN (${RETRY_OUTCOMES.map((o) => `'${o}'`).join(', ')})`,
  );
  const insertCall = sqlite.prepare(
    `INSERT INTO calls (assignment_id, contact_id, station_id, list_id, outcome, started_at, ended_at, note, callback_at)
     VALUES (@assignmentId, @contactId, @stationId, @listId, @outcome, @startedAt, @endedAt, @note, @callbackAt)`,
  );
  const countAttempt = sqlite.prepare(
    `UPDATE call_lists SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, persons_called = persons_called + @firstAttempt
     WHERE id = @listId`,
  );

  return {
    contact: (id: number) => contact.get(id) as ContactRow | undefined,
    history: (contactId: number) => history.all(contactId) as AttemptRow[],
    updateContact: (update: ContactUpdate) => updateContact.run(update),
    /** Closes the number's other contacts, on every list. */
    closeOthers: (phone: string, contactId: number, reason: string) => void closeOthers.run(reason, phone, contactId),
    addDoNotCall: (phone: string, contactId: number, now: number) => {
      addDoNotCall.run(phone, now);
      closeOthers.run('do_not_call', phone, contactId);
    },
    recordedOutcome: (assignmentId: string) => (recordedOutcome.get(assignmentId) as { outcome: Outcome } | undefined)?.outcome,
    /** No contact with this number is offered before `until`. */
    holdOff: (phone: string, until: number) => void holdOff.run(until, phone),
    /** Unanswered attempts at this number, through any list (the attempt limit counts these). */
    unansweredAttempts: (phone: string) => (unansweredAttempts.get(phone) as { n: number }).n,
    insertCall: (call: NewCall) => insertCall.run(call),
    countAttempt: (counts: { listId: number; answered: number; conversations: number; firstAttempt: number }) =>
      countAttempt.run(counts),
  };
}

export type CallingRepo = ReturnType<typeof createCallingRepo>;

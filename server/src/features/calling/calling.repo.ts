import type { Database } from 'better-sqlite3';
import type { Outcome } from '@ringstuga/shared';

export interface ContactRow {
  id: number;
  list_id: number;
  name: string;
  phone: string;
  voting_district: string | null;
  status: 'ready' | 'held' | 'done';
  attempts: number;
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
    `SELECT c.id, c.list_id, c.name, c.phone, c.voting_district, c.status, c.attempts,
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
  const closeOtherLists = sqlite.prepare(
    `UPDATE contacts SET status = 'done', closed_reason = 'reached_elsewhere'
     WHERE phone = ? AND id <> ? AND status <> 'done'`,
  );
  const addDoNotCall = sqlite.prepare(
    `INSERT INTO do_not_call (phone, added_at, source) VALUES (?, ?, 'outcome') ON CONFLICT DO NOTHING`,
  );
  const closeNumber = sqlite.prepare(
    `UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = ? AND id <> ? AND status <> 'done'`,
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
    /** A person reached through one list is not called again through another. */
    closeOtherLists: (phone: string, contactId: number) => closeOtherLists.run(phone, contactId),
    addDoNotCall: (phone: string, contactId: number, now: number) => {
      addDoNotCall.run(phone, now);
      closeNumber.run(phone, contactId);
    },
    insertCall: (call: NewCall) => insertCall.run(call),
    countAttempt: (counts: { listId: number; answered: number; conversations: number; firstAttempt: number }) =>
      countAttempt.run(counts),
  };
}

export type CallingRepo = ReturnType<typeof createCallingRepo>;

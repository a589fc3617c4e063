import type { Database } from 'better-sqlite3';
import type { Outcome } from '@ringstuga/shared';
import { RETRY_SQL } from '../../db/outcome-sql.ts';

export interface ContactRow {
  id: number;
  list_id: number;
  name: string;
  phone: string;
  voting_district: string | null;
  preferred_language: string | null;
  needs_speaker: number;
  status: 'ready' | 'held' | 'done';
  attempts: number;
  last_attempt_at: number | null;
  municipality_code: string;
  municipality_name: string;
  association_id: number;
  association_name: string;
  list_name: string;
  script: string | null;
  instructions: string | null;
  /** Set when the script is the contact's preferred language's, not the list's default. */
  script_language: string | null;
  notes_enabled: number;
}

/** What recording an outcome reads of the contact: no card, no joins beyond the list's notes switch. */
export type OutcomeContactRow = Pick<
  ContactRow,
  'id' | 'list_id' | 'phone' | 'preferred_language' | 'needs_speaker' | 'status' | 'attempts' | 'last_attempt_at' | 'notes_enabled'
>;

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

const HOUR_MS = 60 * 60 * 1000;

export interface AttemptCounts {
  listId: number;
  stationId: number;
  shiftId: number | null;
  now: number;
  answered: number;
  conversations: number;
  firstAttempt: number;
}

/**
 * Queries for the calling loop, prepared once (they run on every cycle). Each names the index it
 * goes through (test/integration/calling/claim-plans.test.ts checks the hot ones' plans).
 */
export function createCallingRepo(sqlite: Database) {
  // The card: primary keys throughout, the script by list_scripts' (list_id, language) key.
  const contact = sqlite.prepare(
    `SELECT c.id, c.list_id, c.name, c.phone, c.voting_district, c.preferred_language, c.needs_speaker, c.status, c.attempts, c.last_attempt_at,
            m.code AS municipality_code, m.name AS municipality_name,
            a.id AS association_id, a.name AS association_name, l.name AS list_name, l.notes_enabled,
            IIF(t.list_id IS NULL, l.script, t.script) AS script,
            IIF(t.list_id IS NULL, l.instructions, t.instructions) AS instructions,
            t.language AS script_language
     FROM contacts c
     JOIN call_lists l ON l.id = c.list_id
     LEFT JOIN list_scripts t ON t.list_id = c.list_id AND t.language = c.preferred_language
     JOIN associations a ON a.id = l.association_id
     JOIN municipalities m ON m.code = a.municipality_code
     WHERE c.id = ?`,
  );
  // Two primary-key seeks: the outcome needs the contact's state, not its card (five joins).
  const outcomeContact = sqlite.prepare(
    `SELECT c.id, c.list_id, c.phone, c.preferred_language, c.needs_speaker, c.status, c.attempts, c.last_attempt_at, l.notes_enabled
     FROM contacts c JOIN call_lists l ON l.id = c.list_id WHERE c.id = ?`,
  );
  // calls_contact (contact_id, ended_at).
  const history = sqlite.prepare(
    `SELECT ended_at, outcome, note, callback_at FROM calls WHERE contact_id = ? ORDER BY ended_at, id`,
  );
  // The primary key.
  const updateContact = sqlite.prepare(
    `UPDATE contacts SET attempts = @attempts, last_outcome = @lastOutcome, last_attempt_at = @lastAttemptAt,
       status = @status, closed_reason = @closedReason, next_call_at = @nextCallAt,
       preferred_language = @preferredLanguage, needs_speaker = @needsSpeaker
     WHERE id = @id`,
  );
  // contacts_phone. Closes 'held' ones too: the number's other contacts leave 'held' here when it closes.
  const closeOthers = sqlite.prepare(
    `UPDATE contacts SET status = 'done', closed_reason = ? WHERE phone = ? AND id <> ? AND status <> 'done'`,
  );
  const addDoNotCall = sqlite.prepare(
    `INSERT INTO do_not_call (phone, added_at, source) VALUES (?, ?, 'outcome') ON CONFLICT DO NOTHING`,
  );
  // touchShift, seeShift: the shift's primary key.
  const touchShift = sqlite.prepare('UPDATE shifts SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?');
  // At most one write a minute per waiting station: the idle check-out works in minutes.
  const seeShift = sqlite.prepare(
    'UPDATE shifts SET last_seen_at = @now WHERE id = @id AND (last_seen_at IS NULL OR last_seen_at <= @now - 60000)',
  );
  // shifts_one_open_per_station (partial, unique).
  const openShift = sqlite.prepare('SELECT id, room_id, association_id, languages FROM shifts WHERE station_id = ? AND ended_at IS NULL');
  // calling_sessions_room_start, newest first: a room's live sessions never overlap, so only the one
  // that started last can be running (one seek, however many sessions lie behind it); then teams_session.
  // Several teams in one session: the volunteer's own association's, else the largest team's.
  const teamAssociationNow = sqlite
    .prepare(
      `WITH running AS MATERIALIZED (
         SELECT id, ends_at FROM calling_sessions
         WHERE room_id = @room AND starts_at <= @now AND cancelled_at IS NULL ORDER BY starts_at DESC LIMIT 1)
       SELECT t.association_id FROM running r JOIN teams t ON t.session_id = r.id AND t.revoked_at IS NULL
       WHERE r.ends_at > @now
       ORDER BY CASE WHEN t.association_id = @own THEN 0 ELSE 1 END, t.places DESC, t.id LIMIT 1`,
    )
    .pluck();
  // calls_assignment (unique).
  const recordedOutcome = sqlite.prepare('SELECT outcome FROM calls WHERE assignment_id = ?');
  // releaseOthers: through contacts_phone. The number's other contacts leave 'held' and cool down in
  // one write (while the lease was active they were all 'held'; after a late report none is).
  const releaseOthers = sqlite.prepare(
    `UPDATE contacts SET status = 'ready', next_call_at = MAX(next_call_at, ?)
     WHERE phone = ? AND id <> ? AND status IN ('ready', 'held')`,
  );
  // contacts_phone for the number's contacts, calls_contact for their calls.
  const unansweredAttempts = sqlite.prepare(
    `SELECT COUNT(*) AS n FROM calls k JOIN contacts c ON c.id = k.contact_id
     WHERE c.phone = ? AND k.outcome IN (${RETRY_SQL})`,
  );
  // Writes calls_assignment, calls_contact and calls_ended; checks five foreign keys by primary key.
  const insertCall = sqlite.prepare(
    `INSERT INTO calls (assignment_id, contact_id, station_id, list_id, shift_id, outcome, started_at, ended_at, note, callback_at)
     VALUES (@assignmentId, @contactId, @stationId, @listId, @shiftId, @outcome, @startedAt, @endedAt, @note, @callbackAt)`,
  );
  // The primary key (call_id, question_key).
  const insertAnswer = sqlite.prepare('INSERT INTO call_answers (call_id, question_key, value) VALUES (?, ?, ?)');
  // A "yes" to wants_to_help: on the association's list of new helpers once per number and list (new_helpers_list_phone).
  const addNewHelper = sqlite.prepare(
    `INSERT INTO new_helpers (association_id, list_id, contact_id, call_id, name, phone, created_at)
     SELECT l.association_id, c.list_id, c.id, @callId, c.name, c.phone, @now FROM contacts c JOIN call_lists l ON l.id = c.list_id WHERE c.id = @contactId
     ON CONFLICT (list_id, phone) DO NOTHING`,
  );
  // The counters: one UPDATE per table by primary key, the hour's row by its primary key (upsert).
  const countAttempt = sqlite.prepare(
    `UPDATE call_lists SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, persons_called = persons_called + @firstAttempt
     WHERE id = @listId`,
  );
  const countShift = sqlite.prepare(
    `UPDATE shifts SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, last_activity_at = MAX(last_activity_at, @now)
     WHERE id = @shiftId`,
  );
  // The room is the station's at the time of the call, so moving a station later does not rewrite history.
  const countHour = sqlite.prepare(
    `INSERT INTO activity_hours (hour_start, room_id, list_id, attempts, answered, conversations, persons_called)
     SELECT @hourStart, room_id, @listId, 1, @answered, @conversations, @firstAttempt FROM stations WHERE id = @stationId
     ON CONFLICT (hour_start, room_id, list_id) DO UPDATE SET attempts = attempts + 1,
       answered = answered + excluded.answered, conversations = conversations + excluded.conversations,
       persons_called = persons_called + excluded.persons_called`,
  );

  return {
    contact: (id: number) => contact.get(id) as ContactRow | undefined,
    outcomeContact: (id: number) => outcomeContact.get(id) as OutcomeContactRow | undefined,
    history: (contactId: number) => history.all(contactId) as AttemptRow[],
    updateContact: (update: ContactUpdate) => updateContact.run(update),
    /** Closes the number's other contacts, on every list. */
    closeOthers: (phone: string, contactId: number, reason: string) => void closeOthers.run(reason, phone, contactId),
    addDoNotCall: (phone: string, contactId: number, now: number) => {
      addDoNotCall.run(phone, now);
      closeOthers.run('do_not_call', phone, contactId);
    },
    /** The volunteer did something (an outcome or a skip). */
    touchShift: (shiftId: number, now: number) => void touchShift.run(now, shiftId),
    /** The station asked and was offered nothing: the volunteer is waiting, not gone. */
    seeShift: (shiftId: number, now: number) => void seeShift.run({ id: shiftId, now }),
    openShift: (stationId: number) =>
      openShift.get(stationId) as { id: number; room_id: number; association_id: number | null; languages: string } | undefined,
    /** The association of a team evening running in the room now (its stations call its lists), or undefined. */
    teamAssociationNow: (roomId: number, now: number, own: number | null) =>
      teamAssociationNow.get({ room: roomId, now, own }) as number | undefined,
    recordedOutcome: (assignmentId: string) => (recordedOutcome.get(assignmentId) as { outcome: Outcome } | undefined)?.outcome,
    /** The number's other contacts are released to the queue, none offered before `until`. */
    releaseOthers: (phone: string, contactId: number, until: number) => void releaseOthers.run(until, phone, contactId),
    /** Unanswered attempts at this number, through any list (the attempt limit counts these). */
    unansweredAttempts: (phone: string) => (unansweredAttempts.get(phone) as { n: number }).n,
    /** Returns the call's id. */
    insertCall: (call: NewCall) => Number(insertCall.run(call).lastInsertRowid),
    insertAnswer: (callId: number, questionKey: string, value: string) => void insertAnswer.run(callId, questionKey, value),
    addNewHelper: (contactId: number, callId: number, now: number) => void addNewHelper.run({ contactId, callId, now }),
    /** Counts one attempt on the list, the shift (if any) and the hour's activity, all in the caller's transaction. */
    countAttempt: (counts: AttemptCounts) => {
      countAttempt.run(counts);
      if (counts.shiftId !== null) countShift.run(counts);
      countHour.run({ ...counts, hourStart: counts.now - (counts.now % HOUR_MS) });
    },
  };
}

export type CallingRepo = ReturnType<typeof createCallingRepo>;

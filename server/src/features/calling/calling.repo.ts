import { zOutcome, type Answers, type Outcome, type Shift } from '@ringstuga/shared';
import { z } from 'zod';
import { functionStatement, statement } from '../../db/store/statement.ts';
import type { Store, Tx } from '../../db/store/store.ts';
import { QUESTIONS_VERSION_SUBQUERY } from '../questions/question-cache.ts';
import { shiftFromView, type ShiftViewRow } from '../figures/shift-view.ts';
import { cardSql, HISTORY_JSON, teamAssociationNow } from './calling-sql.ts';
import { quickClaimStatement, type QuickClaimBatch } from './quick-claim-statement.ts';
import type { AssignmentRow } from './claim-statements.ts';
import {
  hourUpsert,
  listCount,
  outcomePeek,
  outcomeRead,
  outcomeWrite,
  type AttemptCounts,
  type ContactUpdate,
  type NewCall,
  type OutcomeContactRow,
  type OutcomeParams,
  type OutcomeReadRow,
  newHelperInsert,
  SPEAKER_SET,
} from './outcome-statements.ts';

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

export interface AttemptRow {
  ended_at: number;
  outcome: Outcome;
  note: string | null;
  callback_at: number | null;
}

/** The card's row as the stores return it: `history` is JSON text on SQLite, parsed JSON on PostgreSQL. */
interface CardRow extends ContactRow {
  history: unknown;
  questions_version: string | null;
}

/** The card's contact, its calls oldest first, and the questions' version read with them (null on SQLite). */
export interface Card {
  contact: ContactRow;
  history: AttemptRow[];
  questionsVersion: string | null;
}

// Written by our own statement, but parsed all the same: a column renamed in the SQL must fail here, not on a screen.
const zHistory = z.array(
  z.object({ ended_at: z.number(), outcome: zOutcome, note: z.string().nullable(), callback_at: z.number().nullable() }),
);

function toCard(row: CardRow | undefined): Card | undefined {
  if (!row) return undefined;
  const { history, questions_version: questionsVersion, ...contact } = row;
  const parsed = history === null ? [] : zHistory.parse(typeof history === 'string' ? JSON.parse(history) : history);
  return { contact, history: parsed, questionsVersion };
}

/** What an outcome reads in one statement: the lease, the contact's state, and the number's unanswered calls so far. */
export interface OutcomeRead {
  lease: AssignmentRow;
  contact: OutcomeContactRow;
  /** Unanswered calls at the number through any list, before this one (0 unless read for a retry outcome). */
  unanswered: number;
}

/** What the outcome does to the number's other contacts (CallingService.settleNumber decides). */
export type Settlement = { kind: 'do_not_call' } | { kind: 'close'; reason: string } | { kind: 'release'; until: number };

/** Everything an outcome writes: the lease ends, the call, the contact, the number, the counters, the answers. */
export interface OutcomeWrite {
  call: NewCall;
  contact: ContactUpdate;
  phone: string;
  settlement: Settlement;
  counts: AttemptCounts;
  /** The questions' answers (checked against the list's questions), by question key. */
  answers: Answers;
  /** A "yes" to a wants_to_help question: the person goes on the association's list of new helpers. */
  wantsToHelp: boolean;
}

/** The read's one row as the lease, the contact, and the count. */
function toOutcomeRead(row: OutcomeReadRow): OutcomeRead {
  const { id, station_id, contact_id, phone, shift_id, status, created_at, expires_at, unanswered } = row;
  return {
    lease: { id, station_id, contact_id, phone, shift_id, status, created_at, expires_at },
    contact: {
      id: contact_id,
      list_id: row.list_id,
      phone: row.contact_phone,
      preferred_language: row.preferred_language,
      status: row.contact_status,
      attempts: row.attempts,
      last_attempt_at: row.last_attempt_at,
      notes_enabled: row.notes_enabled,
    },
    unanswered,
  };
}

/** PostgreSQL's outcome statements' parameters (the contact's id is the call's contactId there). */
function outcomeParams(write: OutcomeWrite): OutcomeParams {
  const { call, contact, phone, settlement, counts } = write;
  return {
    ...call,
    ...contact,
    ...counts,
    hourStart: hourStart(counts.now),
    phone,
    doNotCall: settlement.kind === 'do_not_call' ? 1 : 0,
    closeReason: settlement.kind === 'do_not_call' ? 'do_not_call' : settlement.kind === 'close' ? settlement.reason : null,
    releaseUntil: settlement.kind === 'release' ? settlement.until : null,
    answers: JSON.stringify(write.answers),
    wantsToHelp: write.wantsToHelp ? 1 : 0,
  };
}

const HOUR_MS = 60 * 60 * 1000;

const hourStart = (now: number) => now - (now % HOUR_MS);

/**
 * Queries for the calling loop, prepared once (they run on every cycle). Each names the index it
 * goes through (test/integration/calling/claim-plans.test.ts checks the hot ones' plans).
 */
export const CALLING_STATEMENTS = {
  // The card: primary keys throughout, the script by list_scripts' (list_id, language) key, the
  // history through calls_contact, the questions' version by the settings key: one round trip.
  card: statement<[number], CardRow>({ sqlite: cardSql(HISTORY_JSON.sqlite, 'NULL'), postgres: cardSql(HISTORY_JSON.postgres, QUESTIONS_VERSION_SUBQUERY) }),
  // PostgreSQL: the cards of several contacts (a claim batch's, read at the end of its function:
  // quickClaim below), each as `card`, as one JSON array: a function's, so it is planned once.
  cards: functionStatement<{ ids: number[] }, { result: CardRow[] }>({
    sqlite: 'SELECT 1 -- PostgreSQL only',
    params: { ids: 'integer[]' },
    returns: 'json',
    declare: '',
    body: `RETURN (SELECT COALESCE(json_agg(card), '[]') FROM unnest(@ids) AS u(id)
      CROSS JOIN LATERAL (${cardSql(HISTORY_JSON.postgres, QUESTIONS_VERSION_SUBQUERY, 'u.id')}) card);`,
  }),
  // The phone's card: no history.
  cardWithoutHistory: statement<[number], CardRow>({ sqlite: cardSql('NULL', 'NULL'), postgres: cardSql('NULL', QUESTIONS_VERSION_SUBQUERY) }),
  // The primary key.
  updateContact: statement<{ [K in keyof ContactUpdate]: ContactUpdate[K] }>(
    `UPDATE contacts SET attempts = @attempts, last_outcome = @lastOutcome, last_attempt_at = @lastAttemptAt,
       status = @status, closed_reason = @closedReason, next_call_at = @nextCallAt,
       ${SPEAKER_SET}
     WHERE id = @id`,
  ),
  // contacts_phone. Closes 'held' ones too: the number's other contacts leave 'held' here when it closes.
  closeOthers: statement<[string, string, number]>(`UPDATE contacts SET status = 'done', closed_reason = ? WHERE phone = ? AND id <> ? AND status <> 'done'`),
  addDoNotCall: statement<[string, number]>(`INSERT INTO do_not_call (phone, added_at, source) VALUES (?, ?, 'outcome') ON CONFLICT DO NOTHING`),
  // touchShift, seeShift: the shift's primary key.
  touchShift: statement<[number, number]>({
    sqlite: 'UPDATE shifts SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?',
    postgres: 'UPDATE shifts SET last_activity_at = GREATEST(last_activity_at, ?) WHERE id = ?',
  }),
  // At most one write a minute per waiting station: the idle check-out works in minutes.
  seeShift: statement<{ id: number; now: number }>(
    'UPDATE shifts SET last_seen_at = @now WHERE id = @id AND (last_seen_at IS NULL OR last_seen_at + 60000 <= @now)',
  ),
  // shifts_one_open_per_station (partial, unique).
  openShift: statement<[number], { id: number; room_id: number; association_id: number | null; languages: string }>(
    'SELECT id, room_id, association_id, languages FROM shifts WHERE station_id = ? AND ended_at IS NULL',
  ),
  teamAssociationNow: statement<{ room: number; now: number; own: number | null }, { association_id: number }>(teamAssociationNow('@room', '@own')),
  // calls_assignment (unique).
  recordedOutcome: statement<[string], { outcome: Outcome }>('SELECT outcome FROM calls WHERE assignment_id = ?'),
  // releaseOthers: through contacts_phone. The number's other contacts leave 'held' and cool down in
  // one write (while the lease was active they were all 'held'; after a late report none is).
  releaseOthers: statement<[number, string, number]>({
    sqlite: `UPDATE contacts SET status = 'ready', next_call_at = MAX(next_call_at, ?)
     WHERE phone = ? AND id <> ? AND status IN ('ready', 'held')`,
    postgres: `UPDATE contacts SET status = 'ready', next_call_at = GREATEST(next_call_at, ?)
     WHERE phone = ? AND id <> ? AND status IN ('ready', 'held')`,
  }),
  // Writes calls_assignment, calls_contact and calls_ended; checks five foreign keys by primary key.
  insertCall: statement<{ [K in keyof NewCall]: NewCall[K] }, { id: number }>(
    `INSERT INTO calls (assignment_id, contact_id, station_id, list_id, shift_id, outcome, started_at, ended_at, note, callback_at)
     VALUES (@assignmentId, @contactId, @stationId, @listId, @shiftId, @outcome, @startedAt, @endedAt, @note, @callbackAt)
     RETURNING id`,
  ),
  // The primary key (call_id, question_key).
  insertAnswer: statement<[number, string, string]>('INSERT INTO call_answers (call_id, question_key, value) VALUES (?, ?, ?)'),
  // A "yes" to wants_to_help: on the association's list of new helpers once per number and list (new_helpers_list_phone).
  addNewHelper: statement<{ contactId: number; callId: number; now: number }>(newHelperInsert('CAST(@callId AS BIGINT)')),
  // The counters: one UPDATE per table by primary key, the hour's row by its primary key (upsert).
  countList: statement<AttemptCounts>(listCount()),
  countShift: statement<AttemptCounts>({
    sqlite: `UPDATE shifts SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, last_activity_at = MAX(last_activity_at, @now)
     WHERE id = @shiftId`,
    postgres: `UPDATE shifts SET attempts = attempts + 1, answered = answered + @answered,
       conversations = conversations + @conversations, last_activity_at = GREATEST(last_activity_at, @now)
     WHERE id = @shiftId`,
  }),
  // The room is the station's at the time of the call, so moving a station later does not rewrite history.
  countHour: statement<AttemptCounts & { hourStart: number }>(hourUpsert()),
  // PostgreSQL: countList and countHour in one statement. Both rows are shared by every outcome on
  // the list (the hour's by the room's too), and each row lock is held to the commit: one statement
  // for both, last in the write, so other outcomes on the list wait for one statement and the commit.
  countListAndHour: statement<AttemptCounts & { hourStart: number }>({
    sqlite: 'SELECT 1 -- PostgreSQL only',
    postgres: `WITH list AS (${listCount()}) ${hourUpsert()}`,
  }),
  // The outcome's one read: the lease by its primary key (locked on PostgreSQL: see allocator.ts
  // `lease`), its contact and list by theirs; for a retry outcome the number's unanswered calls too
  // (contacts_phone, then calls_contact).
  outcomeRead: outcomeRead(false),
  outcomeReadRetry: outcomeRead(true),
  // PostgreSQL's quick outcome's unlocked read (see OutcomeRecorder.quick).
  outcomePeek: outcomePeek(false),
  outcomePeekRetry: outcomePeek(true),
  // SQLite's first write of an outcome (PostgreSQL's is in outcomeWrite): the primary key.
  completeLease: statement<[number, string]>(`UPDATE assignments SET status = 'completed', ended_at = ? WHERE id = ?`),
  // PostgreSQL: the outcome's writes but the list's and the hour's counters in one statement,
  // returning the call's id (see outcomeWrite); countListAndHour comes after it.
  writeOutcome: statement<OutcomeParams, { id: number }>({ sqlite: 'SELECT 1 -- PostgreSQL only', postgres: outcomeWrite(false) }),
  // PostgreSQL: the whole outcome as one statement, guarded on its lease being active, returning the
  // station's shift as it left it (see outcomeWrite).
  writeQuickOutcome: statement<OutcomeParams, { id: number; shift: ShiftViewRow | null }>({ sqlite: 'SELECT 1 -- PostgreSQL only', postgres: outcomeWrite(true) }),
};
const S = CALLING_STATEMENTS;
/** PostgreSQL's claim batch, its cards read at its end (quick-claim-statement.ts). */
export const quickClaim = quickClaimStatement(S.cards);

/** The calling loop's reads and writes; each runs on the caller's `q` (a write's or a read's). */
export const callingRepo = {
  /** The card in one statement; `history: false` reads no calls (the phone's card). */
  card: async (q: Tx, id: number, options = { history: true }) => toCard(await q.get(options.history ? S.card : S.cardWithoutHistory, [id])),
  contact: async (q: Tx, id: number) => (await callingRepo.card(q, id, { history: false }))?.contact,
  /** The volunteer did something (an outcome or a skip). */
  touchShift: async (q: Tx, shiftId: number, now: number): Promise<void> => void (await q.run(S.touchShift, [now, shiftId])),
  /** The station asked and was offered nothing: the volunteer is waiting, not gone. */
  seeShift: async (q: Tx, shiftId: number, now: number): Promise<void> => void (await q.run(S.seeShift, { id: shiftId, now })),
  openShift: (q: Tx, stationId: number) => q.get(S.openShift, [stationId]),
  /** The association of a team evening running in the room now (its stations call its lists), or undefined. */
  teamAssociationNow: (q: Tx, roomId: number, now: number, own: number | null) => q.value<number>(S.teamAssociationNow, { room: roomId, now, own }),
  recordedOutcome: async (q: Tx, assignmentId: string) => (await q.get(S.recordedOutcome, [assignmentId]))?.outcome,
  /**
   * The lease (locked until the write ends on PostgreSQL), its contact's state, and for a `retry`
   * outcome the number's unanswered calls so far; undefined if there is no such lease.
   */
  async outcomeRead(q: Tx, assignmentId: string, retry: boolean): Promise<OutcomeRead | undefined> {
    const row = await q.get(retry ? S.outcomeReadRetry : S.outcomeRead, [assignmentId]);
    return row && toOutcomeRead(row);
  },
  /**
   * Writes an outcome: ends its lease, inserts the call and its answers, updates the contact and the
   * number's other contacts (or the register) and the shift; the list's and the hour's counters come
   * last: every outcome on the list updates those rows, and on PostgreSQL their row locks are held to
   * the commit. PostgreSQL: one statement, then the counters'; SQLite, one writer at a time, has no
   * data-modifying CTEs: the statements one by one.
   */
  async writeOutcome(q: Tx, write: OutcomeWrite): Promise<void> {
    const { call, contact, phone, settlement, counts } = write;
    if (q.dialect === 'postgres') {
      await q.get(S.writeOutcome, outcomeParams(write));
      // A statement of its own: inside the one above, these rows would be locked before its foreign-key
      // checks ran (at the statement's end), and their wait grew (bench/postgres/statements-profile.ts).
      await q.run(S.countListAndHour, { ...counts, hourStart: hourStart(counts.now) });
      return;
    }
    await q.run(S.completeLease, [call.endedAt, call.assignmentId]);
    const callId = (await q.get(S.insertCall, { ...call }))!.id;
    for (const [key, value] of Object.entries(write.answers)) await q.run(S.insertAnswer, [callId, key, value]);
    if (write.wantsToHelp) await q.run(S.addNewHelper, { contactId: contact.id, callId, now: counts.now });
    await q.run(S.updateContact, { ...contact });
    if (settlement.kind === 'do_not_call') await q.run(S.addDoNotCall, [phone, counts.now]);
    if (settlement.kind === 'release') await q.run(S.releaseOthers, [settlement.until, phone, contact.id]);
    else await q.run(S.closeOthers, [settlement.kind === 'close' ? settlement.reason : 'do_not_call', phone, contact.id]);
    if (counts.shiftId !== null) await q.run(S.countShift, { ...counts });
    await q.run(S.countHour, { ...counts, hourStart: hourStart(counts.now) });
    await q.run(S.countList, { ...counts });
  },
  /**
   * PostgreSQL: the whole outcome as one statement, its own transaction, if its lease is still active;
   * undefined if it is not (nothing was written). `shift`: the station's open shift after the write,
   * if the write could tell (else the station reads it).
   */
  async writeQuickOutcome(store: Store, write: OutcomeWrite): Promise<{ shift?: Shift } | undefined> {
    const [row] = await store.writeOne(S.writeQuickOutcome, outcomeParams(write));
    return row && (row.shift ? { shift: shiftFromView(row.shift) } : {});
  },
  /**
   * PostgreSQL: a batch of common claims and the cards of the contacts handed out, in one round trip
   * and one transaction (quick-claim-statement.ts); each element undefined when its claim needs
   * `CallingService.nextInside`, its card undefined when the contact was erased meanwhile.
   */
  async quickClaims(store: Store, batch: QuickClaimBatch): Promise<({ resumed: boolean; lease: AssignmentRow; card: Card | undefined } | undefined)[]> {
    const [row] = await store.writeOne(quickClaim, batch);
    const { claims, cards } = row?.result ?? { claims: [], cards: [] };
    const byContact = new Map(cards.map((card) => [card.id, card]));
    return claims.map((claim) => (claim ? { resumed: claim.resumed, lease: claim.lease, card: toCard(byContact.get(claim.lease.contact_id)) } : undefined));
  },
  /** PostgreSQL: outcomeRead unlocked, with the questions' version (for QuestionCache.forList). */
  async outcomePeek(q: Tx, assignmentId: string, retry: boolean): Promise<{ read: OutcomeRead; questionsVersion: string | null } | undefined> {
    const row = await q.get(retry ? S.outcomePeekRetry : S.outcomePeek, [assignmentId]);
    return row && { read: toOutcomeRead(row), questionsVersion: row.questions_version };
  },
};

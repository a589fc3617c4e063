/**
 * The allocator's statements (allocator.ts says what they serve and which invariants they keep) and
 * the rows they read. Raw statements, prepared once, on purpose: this is the hot path, and the
 * partial indexes `contacts_claim_*` are only used when their conditions and `LIMIT 1` stay literal.
 */
import { REACHED_SQL } from '../../db/outcome-sql.ts';
import { lockedStatement, statement, type StatementParams } from '../../db/store/statement.ts';

/** On PostgreSQL, every claim's probe and take run under this lock (see `Allocator.claim`). */
export const CLAIM_LOCK = 'claim';

export interface AssignmentRow {
  id: string;
  station_id: number;
  contact_id: number;
  phone: string;
  shift_id: number | null;
  status: 'active' | 'completed' | 'skipped' | 'expired';
  created_at: number;
  expires_at: number;
}

/** The best head, with what decides whether it may be handed out (one statement: see `bestHead`). */
export interface Candidate {
  id: number;
  phone: string;
  attempts: number;
  /** 1: the number is on the do-not-call register. */
  blocked: number;
  /** 1: the number is held by an active lease (a contact added while it was). */
  leased: number;
  /** The same number's state on another list that decides for this contact too (invariant 8); null if none. */
  other_status: 'ready' | 'done' | null;
  other_reason: string | null;
  other_next_call_at: number | null;
  /** 1: free, and held and leased to the station by the probe itself (PostgreSQL). */
  taken: number;
}

/** Which lists a claim may draw from: the station's fixed list, its volunteer's association, its room's pauses. */
export type ScopeParams = {
  fixedList: number | null;
  association: number | null;
  room: number;
};

/** A probe's parameters: the scope, and the lease it writes if its head is free (PostgreSQL). */
export type TakeParams = ScopeParams & { now: number; lease: string; station: number; shift: number | null; expires: number };

/** The station's scope and its active lease (null columns: none), whose number may be on do-not-call. */
export type StationWithLease = { list_id: number | null; room_id: number; blocked: number } & {
  [K in keyof AssignmentRow]: AssignmentRow[K] | null;
};

export const leaseOf = (row: StationWithLease): AssignmentRow => ({
  id: row.id!,
  station_id: row.station_id!,
  contact_id: row.contact_id!,
  phone: row.phone!,
  shift_id: row.shift_id,
  status: row.status!,
  created_at: row.created_at!,
  expires_at: row.expires_at!,
});

/**
 * Each list in scope's head (one index seek per list: status and LIMIT stay literal so a partial
 * index serves it), then the best head overall, in one statement and one call from JS. MATERIALIZED
 * runs each head seek once (~40 µs for 38 lists; 450 µs as one query per list). `which` picks the
 * contacts and, with it, the partial index (test/integration/calling/claim-plans.test.ts checks the plans).
 * The best head comes with what decides whether it may be handed out (the register, an active lease
 * on its number, its number settled on another list if it was never called), each one key seek:
 * four round trips in one, under the claim lock.
 * PostgreSQL: GREATEST for the two-argument MAX, and the scope's parameters typed where only `IS NULL` meets them;
 * the statement is a function that takes the claim lock itself (`lockedStatement`), so a claim run as a
 * write of its own (the quick claim's function, quick-claim-statement.ts) holds the lock for the function and its commit, no round trip.
 */
function bestHead<P extends TakeParams>(which: string) {
  const scope = (fixedList: string, association: string) => `l.active = 1 AND l.importing = 0 AND (${fixedList} IS NULL OR l.id = @fixedList)
       AND (${association} IS NULL OR l.association_id = @association)
       AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room)`;
  // SQLite (no LATERAL): each head's id, then its row again by the primary key to order the heads.
  const sqliteHeads = `WITH heads AS MATERIALIZED (
     SELECT CAST(l.persons_called AS REAL) / MAX(l.contacts_count, 1) AS coverage, (SELECT h.id ${seek(which)}) AS head
     FROM call_lists l
     WHERE ${scope('@fixedList', '@association')}),
   best AS MATERIALIZED (
     SELECT c.id, c.phone, c.attempts FROM heads JOIN contacts c ON c.id = heads.head
     ORDER BY c.priority, c.next_call_at, heads.coverage, c.id LIMIT 1),`;
  // PostgreSQL: each head with its order's columns from the index itself (an index-only seek per
  // list), so only the best head's row is read: one primary-key read under the claim lock, not one per list.
  const postgresHeads = `WITH heads AS MATERIALIZED (
     SELECT CAST(l.persons_called AS DOUBLE PRECISION) / GREATEST(l.contacts_count, 1) AS coverage, h.id AS head, h.priority, h.next_call_at
     FROM call_lists l CROSS JOIN LATERAL (SELECT h.id, h.priority, h.next_call_at ${seek(which)}) h
     WHERE ${scope('CAST(@fixedList AS BIGINT)', 'CAST(@association AS BIGINT)')}),
   best AS MATERIALIZED (
     SELECT c.id, c.phone, c.attempts FROM contacts c
     WHERE c.id = (SELECT head FROM heads ORDER BY priority, next_call_at, coverage, head LIMIT 1)),`;
  return lockedStatement<P, Candidate>(
    CLAIM_LOCK,
    {
      sqlite: `${sqliteHeads}${CHECKS}
   SELECT x.*, 0 AS taken FROM candidate x`,
      postgres: postgresHeads + CHECKS + take(),
    },
    {
      params: { now: 'bigint', fixedList: 'bigint', association: 'bigint', room: 'bigint', lease: 'text', station: 'integer', shift: 'integer', expires: 'bigint', language: 'text' },
      columns: 'id integer, phone text, attempts integer, blocked integer, leased integer, other_status text, other_reason text, other_next_call_at bigint, taken bigint',
    },
  );
}

/** The head of the list `list`: status and LIMIT stay literal so a partial index serves it. */
const seek = (which: string, list = 'l.id') => `FROM contacts h
        WHERE h.list_id = ${list} AND ${which} AND h.status = 'ready' AND h.priority IN (1, 2, 3) AND h.next_call_at <= @now
        ORDER BY h.priority, h.next_call_at, h.id LIMIT 1`;

// The best head (`best`) with what decides whether it may be handed out.
const CHECKS = `
   candidate AS MATERIALIZED (
     SELECT b.id, b.phone, b.attempts,
       CASE WHEN EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = b.phone) THEN 1 ELSE 0 END AS blocked,
       CASE WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.phone = b.phone AND a.status = 'active') THEN 1 ELSE 0 END AS leased,
       e.status AS other_status, e.closed_reason AS other_reason, e.next_call_at AS other_next_call_at
     FROM best b LEFT JOIN contacts e ON b.attempts = 0 AND e.id = (
       SELECT o.id FROM contacts o
       WHERE o.phone = b.phone AND o.id <> b.id AND (o.status = 'done' OR (o.status = 'ready' AND o.next_call_at > @now))
       ORDER BY CASE WHEN o.status = 'done' THEN 0 ELSE 1 END LIMIT 1))`;

// PostgreSQL: a free head (nothing above stands in its way, and the station has no active lease: its
// other claim through another node may have committed one before this claim got the lock) is held
// and leased in the same statement, one round trip under the claim lock instead of three.
// The head itself is held first, and only if it still is 'ready' once its row is ours: the reads
// above are the statement's snapshot, and a writer that takes no claim lock (the register, an
// erasure, a late report) may have closed or deleted it meanwhile. Then nothing is held or leased
// (taken = 0), and the caller's claim looks again with a new snapshot.
const take = (into = '') => `,
   free AS MATERIALIZED (
     SELECT x.id, x.phone FROM candidate x
     WHERE x.blocked = 0 AND x.leased = 0 AND x.other_status IS NULL
       AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.station_id = CAST(@station AS INTEGER) AND s.status = 'active')),
   head AS (UPDATE contacts SET status = 'held' WHERE id = (SELECT id FROM free) AND status = 'ready' RETURNING id, phone),
   held AS (UPDATE contacts SET status = 'held' WHERE phone = (SELECT phone FROM head) AND id <> (SELECT id FROM head) AND status = 'ready'),
   taken AS (
     INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
     SELECT CAST(@lease AS TEXT), CAST(@station AS INTEGER), h.id, h.phone, CAST(@shift AS INTEGER), 'active', CAST(@now AS BIGINT), CAST(@expires AS BIGINT)
     FROM head h RETURNING 1)
   SELECT x.*, (SELECT COUNT(*) FROM taken) AS taken ${into}FROM candidate x`;

/**
 * PostgreSQL, for a batch of claims under one hold of the claim lock (quick-claim-statement.ts):
 * the heads of the offered lists among `lists` (`heads`: a row per list, with its association and
 * coverage: the seeks of `bestHead` without a room or a claim's scope, which the batch applies per
 * claim), one list's head again after its head was taken (`listHead`, the list in `@list`), and
 * a chosen head checked and taken as `bestHead` does (`takeIntoHead`, the head in `@contact`, its
 * row into the variable `@head`, since a statement that writes cannot be a subquery; no row: the
 * head is no longer ready).
 */
export const SHARED_HEADS = {
  heads: (lists: string) => `SELECT l.id AS list, l.association_id AS association, CAST(l.persons_called AS DOUBLE PRECISION) / GREATEST(l.contacts_count, 1) AS coverage,
       h.id, h.priority, h.next_call_at
     FROM call_lists l CROSS JOIN LATERAL (SELECT h.id, h.priority, h.next_call_at ${seek('h.needs_speaker = 0')}) h
     WHERE l.active = 1 AND l.importing = 0 AND ${lists}`,
  listHead: `SELECT h.id, h.priority, h.next_call_at ${seek('h.needs_speaker = 0', '@list')}`,
  takeIntoHead: `WITH best AS MATERIALIZED (
     SELECT c.id, c.phone, c.attempts FROM contacts c WHERE c.id = @contact AND c.status = 'ready'),${CHECKS}${take('INTO @head ')}`,
};

/** The scope's lists; `active`: offered to this room (not paused for the campaign, nor for the room). */
function scopeListsText(fixedList: string, association: string): string {
  return `SELECT l.id, CASE WHEN l.active = 1 AND l.id NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room) THEN 1 ELSE 0 END AS active
       FROM call_lists l
       WHERE (${fixedList} IS NULL OR l.id = @fixedList) AND (${association} IS NULL OR l.association_id = @association)
         AND l.importing = 0
       ORDER BY l.id`;
}

export type Lease = Pick<AssignmentRow, 'id' | 'phone'>;

/** The rows read, locked until the write ends on PostgreSQL (SQLite has one writer at a time: nothing to lock). */
const forUpdate = <P extends StatementParams, R>(text: string) => statement<P, R>({ sqlite: text, postgres: `${text} FOR UPDATE` });

/**
 * The allocator's statements, prepared once per connection (module-level: the hot path). Each names
 * the index it goes through (claim-plans.test.ts checks the hot ones' plans).
 */
export const ALLOCATOR_STATEMENTS = {
  // assignments_expiry (partial: active leases only, so this is a seek that finds nothing most of the time).
  dueLeases: statement<[number], Lease>(`SELECT id, phone FROM assignments WHERE status = 'active' AND expires_at <= ?`),
  // The primary key's index (sqlite_autoindex_assignments_1), as endLease.
  // Only an active lease: the claim read it as due before taking the claim lock, and another claim may have ended it since.
  expireLease: statement<[number, string]>(`UPDATE assignments SET status = 'expired', ended_at = ? WHERE id = ? AND status = 'active'`),
  // contacts_phone, as every per-number write below.
  releasePhone: statement<[string]>(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
  holdPhone: statement<[string]>(`UPDATE contacts SET status = 'held' WHERE phone = ? AND status = 'ready'`),
  // assignments_one_per_station (partial, unique).
  stationLease: statement<[number], AssignmentRow>(`SELECT * FROM assignments WHERE station_id = ? AND status = 'active'`),
  // The number's active lease (assignments_one_per_phone), locked until the write ends (PostgreSQL).
  phoneLeaseLocked: forUpdate<[string], Pick<AssignmentRow, 'id'>>(`SELECT id FROM assignments WHERE phone = ? AND status = 'active'`),
  // The station's, locked until the write ends (PostgreSQL): for a departing volunteer's release.
  stationLeaseLocked: forUpdate<[number], AssignmentRow>(
    `SELECT id, station_id, contact_id, phone, shift_id, status, created_at, expires_at FROM assignments WHERE station_id = ? AND status = 'active'`,
  ),
  // The station by its primary key, its lease through assignments_one_per_station, the register by its key.
  stationWithLease: statement<[number], StationWithLease>(
    `SELECT s.list_id, s.room_id, a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       CASE WHEN EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = a.phone) THEN 1 ELSE 0 END AS blocked
     FROM stations s LEFT JOIN assignments a ON a.station_id = s.id AND a.status = 'active'
     WHERE s.id = ?`,
  ),
  // A scan of the lists (tens).
  scopeLists: statement<ScopeParams, { id: number; active: number }>({
    sqlite: scopeListsText('@fixedList', '@association'),
    postgres: scopeListsText('CAST(@fixedList AS BIGINT)', 'CAST(@association AS BIGINT)'),
  }),
  // Contacts any volunteer may call, through contacts_claim_any.
  bestHead: bestHead<TakeParams>(`h.needs_speaker = 0`),
  // The same over contacts who prefer @language (needs_speaker or not), through contacts_claim_language.
  languageHead: bestHead<TakeParams & { language: string }>(`h.preferred_language = @language`),
  // Reached there (or through yet another list) reads 'reached_elsewhere' here, as the outcome's own closing does.
  closeAsElsewhere: statement<{ reason: string | null; id: number }>(
    `UPDATE contacts SET status = 'done',
       closed_reason = CASE WHEN @reason IN (${REACHED_SQL}, 'reached_elsewhere') THEN 'reached_elsewhere' ELSE @reason END
     WHERE id = @id`,
  ),
  waitAsElsewhere: statement<[number, number]>(`UPDATE contacts SET next_call_at = ? WHERE id = ?`),
  closeDoNotCall: statement<[string]>(`UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = ? AND status = 'ready'`),
  // No RETURNING: the claim builds the row from what it wrote (RETURNING goes through a temporary table).
  insertLease: statement<[string, number, number, string, number | null, number, number]>(
    `INSERT INTO assignments (id, station_id, contact_id, phone, shift_id, status, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
  ),
  // contacts_claim_any, one seek per list and priority (only when nothing was offered).
  earliestReady: statement<[number, number], { next_call_at: number }>(
    `SELECT next_call_at FROM contacts WHERE list_id = ? AND priority = ? AND status = 'ready' AND needs_speaker = 0
     ORDER BY next_call_at LIMIT 1`,
  ),
  // preferred_language IS NOT NULL, literal, so contacts_claim_language serves it.
  waitingForSpeaker: statement<[number], Record<string, number>>(
    `SELECT 1 FROM contacts WHERE list_id = ? AND status = 'ready' AND preferred_language IS NOT NULL AND needs_speaker = 1 LIMIT 1`,
  ),
  // The active leases in expiry order (assignments_expiry: as many as stations), each contact by
  // its primary key, up to the first on this list. CROSS JOIN keeps that order: left to choose,
  // the planner walked every contact of the list (contacts_list_phone) for its lease, at each
  // station's ask while nothing was due.
  earliestLeaseEnd: statement<[number], { expires_at: number }>({
    sqlite: `SELECT a.expires_at FROM assignments a CROSS JOIN contacts c ON c.id = a.contact_id
     WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
    // CROSS JOIN with ON is SQLite's way of fixing the join order; PostgreSQL's planner chooses.
    postgres: `SELECT a.expires_at FROM assignments a JOIN contacts c ON c.id = a.contact_id
     WHERE a.status = 'active' AND c.list_id = ? ORDER BY a.expires_at LIMIT 1`,
  }),
  // The primary key's index (sqlite_autoindex_assignments_1).
  // Read by the skip and (joined with its contact: calling.repo.ts outcomeRead) by the outcome, which then
  // end the lease: on PostgreSQL the row is locked, so the same report sent twice at once (through two
  // nodes) waits and then sees the lease completed, instead of both passing the status check and the
  // second failing on the calls' unique assignment id.
  lease: forUpdate<[string], AssignmentRow>(`SELECT * FROM assignments WHERE id = ?`),
  endLease: statement<[AssignmentRow['status'], number, string]>(`UPDATE assignments SET status = ?, ended_at = ? WHERE id = ?`),
  requeue: statement<[number, string]>({
    sqlite: `UPDATE contacts SET next_call_at = MAX(next_call_at, ?) WHERE phone = ? AND status = 'ready'`,
    postgres: `UPDATE contacts SET next_call_at = GREATEST(next_call_at, ?) WHERE phone = ? AND status = 'ready'`,
  }),
};

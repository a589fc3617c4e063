/**
 * PostgreSQL's common claims as one function, one round trip and one transaction for a batch of
 * them (CallingService's batcher, claim-batch.ts): every claim's station, shift and lease read in
 * one statement as the batch starts; then for each claim in turn the station's own live lease
 * again, or the probes that hold and lease a free head (the volunteer's languages first, as
 * Allocator.claim). The batch's claims share one hold of the claim lock and one round of the lists'
 * head seeks: each offered list's head is sought at most once (SHARED_HEADS; an association's lists
 * for its member's claim, the others only for a claim on every list), each claim takes the best in
 * its scope, and only the list whose head it took seeks again. A station fixed to one list seeks
 * that list itself, as before. The reads before the lock (the contexts, and the batch's first seek
 * of heads: the lock's holder need not wait for it) take no row locks and may be stale as
 * Allocator.claim explains; each statement under it reads with a fresh snapshot (a volatile
 * function), and a head is taken only if it is still ready. The lock is held for the rest of the
 * function and its commit, no round trip; the function ends by reading the batch's cards (the
 * `cards` statement it is made with), which costs the lock ~0.1 ms and every claim a round trip less.
 * A claim's element is NULL whenever anything else may be needed: no shift, a lease due to expire
 * or to withdraw (its number on do-not-call), a station that may not take (`opens` 0: the pace,
 * closed hours), a head that stood in the way or none at all. `nextInside` then decides, in one
 * write, as on SQLite.
 */
import { CALLING_LANGUAGE } from '@ringstuga/shared';
import { functionStatement, type Statement } from '../../db/store/statement.ts';
import { ALLOCATOR_STATEMENTS, CLAIM_LOCK, SHARED_HEADS } from './claim-statements.ts';
import type { AssignmentRow } from './claim-statements.ts';
import { teamAssociationNow } from './calling-sql.ts';

/** What the function returns for a claim: the lease (the station's own again, or new). */
export interface QuickClaim {
  resumed: boolean;
  lease: AssignmentRow;
}

// Each claim of the batch (`u`: its station, lease, `open` and place) with its station by its primary
// key, its open shift through shifts_one_open_per_station, its lease through
// assignments_one_per_station, the register by its key, a team evening as teamAssociationNow, and
// whether any lease is due (assignments_expiry, as dueLeases). One statement for the batch, read
// as the batch starts: before the claim lock, which it need not hold.
const CONTEXTS = `SELECT u.station, u.lease, u.open, s.list_id, s.room_id, h.id AS open_shift, h.association_id, h.languages,
       (${teamAssociationNow('h.room_id', 'h.association_id')}) AS team_association,
       a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = a.phone) AS blocked,
       EXISTS (SELECT 1 FROM assignments x WHERE x.status = 'active' AND x.expires_at <= @now) AS due
     FROM unnest(@stations, @leases, @opens) WITH ORDINALITY AS u(station, lease, open, n)
     LEFT JOIN stations s ON s.id = u.station
     LEFT JOIN shifts h ON h.station_id = s.id AND h.ended_at IS NULL
     LEFT JOIN assignments a ON a.station_id = s.id AND a.status = 'active'
     ORDER BY u.n`;

const LEASE_JSON = (id: string, contact: string, phone: string, shift: string, status: string, created: string, expires: string) =>
  `json_build_object('id', ${id}, 'station_id', @station, 'contact_id', ${contact}, 'phone', ${phone}, 'shift_id', ${shift},
       'status', ${status}, 'created_at', ${created}, 'expires_at', ${expires})`;

/** The batch's arrays, one element per claim, and the time they are all made at. */
export type QuickClaimBatch = {
  stations: number[];
  leases: string[];
  /** 1: the station may be handed a new contact (its pace, the calling hours). */
  opens: number[];
  now: number;
  expires: number;
};

// The offered lists' heads, each sought once per batch (SHARED_HEADS.heads), as parallel arrays; a
// claim picks the best in its scope, and a list whose head was taken seeks its next one.
const loadHeads = (lists: string) => `SELECT @hList || array_agg(heads.list), @hAssociation || array_agg(heads.association),
          @hCoverage || array_agg(heads.coverage), @hId || array_agg(heads.id), @hPriority || array_agg(heads.priority), @hNext || array_agg(heads.next_call_at)
          INTO @hList, @hAssociation, @hCoverage, @hId, @hPriority, @hNext FROM (${SHARED_HEADS.heads(lists)}) AS heads;`;
const PICK = `SELECT h.n FROM unnest(@hList, @hAssociation, @hCoverage, @hId, @hPriority, @hNext) WITH ORDINALITY
       AS h(list, association, coverage, id, priority, next_call_at, n)
     WHERE h.id IS NOT NULL AND (@association IS NULL OR h.association = @association)
       AND h.list NOT IN (SELECT list_id FROM room_paused_lists WHERE room_id = @room)
     ORDER BY h.priority, h.next_call_at, h.coverage, h.id LIMIT 1`;

type QuickClaims<Card> = { result: { claims: (QuickClaim | null)[]; cards: Card[] } };

/** The function, ending with `cards` (a function of the contacts' ids, each card as its single read). */
export const quickClaimStatement = <Card>(cards: Statement<{ ids: number[] }, { result: Card[] }>) => functionStatement<QuickClaimBatch, QuickClaims<Card>>({
  sqlite: 'SELECT NULL AS result -- PostgreSQL only',
  params: { stations: 'integer[]', leases: 'text[]', opens: 'integer[]', now: 'bigint', expires: 'bigint' },
  returns: 'json',
  // The probes' parameters (claim-statements.ts bestHead) are the locals of the same names.
  declare: `@results json[] := '{}';
  @result json;
  @served integer[] := '{}';
  @seen integer;
  @try integer;
  @station integer;
  @lease text;
  @context record;
  @head record;
  @next record;
  @found boolean;
  @fixedList bigint;
  @association bigint;
  @room bigint;
  @shift integer;
  @language text;
  @contact bigint;
  @list bigint;
  @pick bigint;
  @loadedAll boolean := false;
  @locked boolean := false;
  @loadedAssociations bigint[] := '{}';
  @hList bigint[];
  @hAssociation bigint[];
  @hCoverage double precision[];
  @hId bigint[];
  @hPriority integer[];
  @hNext bigint[];
  @ids integer[];`,
  body: `FOR @context IN ${CONTEXTS} LOOP
  @station := @context.station;
  @lease := @context.lease;
  @result := NULL;
  @found := false;
  @seen := array_position(@served, @station);
  @served := @served || @station;
  IF @seen IS NOT NULL THEN
    -- The same station twice in one batch (an ask sent again): read before its first claim, its
    -- context is stale; what the first claim leased is the lease it holds.
    IF @results[@seen] IS NOT NULL THEN
      @result := json_build_object('resumed', true, 'lease', @results[@seen] -> 'lease');
    END IF;
  ELSIF @context.open_shift IS NULL OR @context.due THEN
    NULL;
  ELSIF @context.id IS NOT NULL THEN
    IF @context.expires_at > @now AND NOT @context.blocked THEN
      @result := json_build_object('resumed', true, 'lease',
        ${LEASE_JSON('@context.id', '@context.contact_id', '@context.phone', '@context.shift_id', '@context.status', '@context.created_at', '@context.expires_at')});
    END IF;
  ELSIF @context.open = 1 THEN
    @fixedList := @context.list_id;
    @room := @context.room_id;
    @shift := @context.open_shift;
    -- A team evening's association, else the volunteer's: only for a station no leader fixed to a list.
    @association := CASE WHEN @context.list_id IS NULL THEN COALESCE(@context.team_association, @context.association_id) END;
    FOR @language IN
      SELECT spoken.language FROM json_array_elements_text(CAST(@context.languages AS json)) WITH ORDINALITY AS spoken(language, n)
      WHERE spoken.language <> '${CALLING_LANGUAGE}' ORDER BY spoken.n
    LOOP
      SELECT * INTO @head FROM (${ALLOCATOR_STATEMENTS.languageHead.postgres}) AS probe;
      @found := FOUND;
      EXIT WHEN @found;
    END LOOP;
    IF NOT @found AND @fixedList IS NOT NULL THEN
      -- One list: its own seek, as the full claim's.
      SELECT * INTO @head FROM (${ALLOCATOR_STATEMENTS.bestHead.postgres}) AS probe;
      @found := FOUND;
    ELSIF NOT @found THEN
      -- The heads this claim may take, each list's sought once per batch: its association's lists
      -- (those of the batch's other associations are not needed for it), or every list.
      IF NOT @loadedAll AND (@association IS NULL OR NOT @association = ANY(@loadedAssociations)) THEN
        IF @association IS NULL THEN
          ${loadHeads('l.association_id <> ALL(@loadedAssociations)')}
          @loadedAll := true;
        ELSE
          ${loadHeads('l.association_id = @association')}
          @loadedAssociations := @loadedAssociations || @association;
        END IF;
      END IF;
      -- The batch's first seek ran before the lock, which every node's claims wait for.
      IF NOT @locked THEN
        PERFORM pg_advisory_xact_lock(hashtext('${CLAIM_LOCK}'));
        @locked := true;
      END IF;
      -- A head gone meanwhile (taken while this batch waited for the lock, held through another list,
      -- closed by a writer without the claim lock) is no longer ready when its take reads it: its list's next.
      FOR @try IN 1 .. 5 LOOP
        @pick := (${PICK});
        EXIT WHEN @pick IS NULL;
        @list := @hList[@pick];
        @contact := @hId[@pick];
        ${SHARED_HEADS.takeIntoHead};
        @found := FOUND;
        IF @found AND @head.taken <> 1 THEN
          -- It stands in the way (the register, a lease on its number, settled elsewhere): the full
          -- claim deals with it; the batch's other claims leave that list alone.
          @hId[@pick] := NULL;
          EXIT;
        END IF;
        SELECT * INTO @next FROM (${SHARED_HEADS.listHead}) AS listHead;
        @hId[@pick] := @next.id;
        @hPriority[@pick] := @next.priority;
        @hNext[@pick] := @next.next_call_at;
        EXIT WHEN @found;
      END LOOP;
    END IF;
    -- Nested: a condition reads every variable it names, and @head is unset where no head was in scope.
    IF @found THEN
      IF @head.taken = 1 THEN
        @result := json_build_object('resumed', false, 'lease',
          ${LEASE_JSON('@lease', '@head.id', '@head.phone', '@shift', "'active'", '@now', '@expires')});
      END IF;
    END IF;
  END IF;
  @results := @results || @result;
END LOOP;
@ids := ARRAY(SELECT CAST(claim -> 'lease' ->> 'contact_id' AS integer) FROM unnest(@results) AS claim WHERE claim IS NOT NULL);
RETURN json_build_object('claims', to_json(@results), 'cards', (${cards.postgres}));`,
  uses: [ALLOCATOR_STATEMENTS.languageHead, ALLOCATOR_STATEMENTS.bestHead, cards],
});

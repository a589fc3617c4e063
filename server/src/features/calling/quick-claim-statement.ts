/**
 * PostgreSQL's common claim as one function, one round trip (CallingService.quickClaim): what the
 * claim decides on, the station's own live lease again or the probes that hold and lease a free
 * head (the volunteer's languages first, as Allocator.claim), and the card of the contact handed
 * out. Run as a write of its own: the probes take the claim lock, held for the rest of the
 * function and its commit, no round trip. The reads before it take no row locks and may be stale
 * as Allocator.claim explains; each statement here reads with a fresh snapshot (a volatile function).
 * NULL whenever anything else may be needed: no shift, a lease due to expire or to withdraw (its
 * number on do-not-call), a station that may not take (`open` 0: the pace, closed hours), a
 * head that stood in the way or none at all. `nextInside` then decides, in one write, as on SQLite.
 * The card is read under the lock: one statement by primary keys, cheaper than the round trip it saves.
 */
import { CALLING_LANGUAGE } from '@ringstuga/shared';
import { functionStatement } from '../../db/store/statement.ts';
import { QUESTIONS_VERSION_SUBQUERY } from '../questions/question-cache.ts';
import { ALLOCATOR_STATEMENTS } from './claim-statements.ts';
import type { AssignmentRow } from './claim-statements.ts';
import { cardSql, HISTORY_JSON, teamAssociationNow } from './calling-sql.ts';

/** What the function returns: the lease (the station's own again, or new), and its contact's card (null: erased meanwhile). */
export interface QuickClaim {
  resumed: boolean;
  lease: AssignmentRow;
  card: unknown;
}

// The station by its primary key, its open shift through shifts_one_open_per_station, its lease
// through assignments_one_per_station, the register by its key, a team evening as
// teamAssociationNow, and whether any lease is due (assignments_expiry, as dueLeases).
const CONTEXT = `SELECT s.list_id, s.room_id, h.id AS open_shift, h.association_id, h.languages,
       (${teamAssociationNow('h.room_id', 'h.association_id')}) AS team_association,
       a.id, a.station_id, a.contact_id, a.phone, a.shift_id, a.status, a.created_at, a.expires_at,
       EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = a.phone) AS blocked,
       EXISTS (SELECT 1 FROM assignments x WHERE x.status = 'active' AND x.expires_at <= @now) AS due
     FROM stations s
     LEFT JOIN shifts h ON h.station_id = s.id AND h.ended_at IS NULL
     LEFT JOIN assignments a ON a.station_id = s.id AND a.status = 'active'
     WHERE s.id = @station`;

const CARD = `(SELECT row_to_json(card) FROM (${cardSql(HISTORY_JSON.postgres, QUESTIONS_VERSION_SUBQUERY, '@contact')}) card)`;

const LEASE_JSON = (id: string, contact: string, phone: string, shift: string, status: string, created: string, expires: string) =>
  `json_build_object('id', ${id}, 'station_id', @station, 'contact_id', ${contact}, 'phone', ${phone}, 'shift_id', ${shift},
       'status', ${status}, 'created_at', ${created}, 'expires_at', ${expires})`;

export const quickClaimStatement = functionStatement<{ station: number; now: number; lease: string; expires: number; open: number }, { result: QuickClaim | null }>({
  sqlite: 'SELECT NULL AS result -- PostgreSQL only',
  params: { station: 'integer', now: 'bigint', lease: 'text', expires: 'bigint', open: 'integer' },
  returns: 'json',
  // The probes' parameters (claim-statements.ts bestHead) are the locals of the same names.
  declare: `@context record;
  @head record;
  @found boolean := false;
  @fixedList bigint;
  @association bigint;
  @room bigint;
  @shift integer;
  @language text;
  @contact bigint;`,
  body: `SELECT * INTO @context FROM (${CONTEXT}) AS context;
  IF NOT FOUND OR @context.open_shift IS NULL OR @context.due THEN RETURN NULL; END IF;
  IF @context.id IS NOT NULL THEN
    IF @context.expires_at <= @now OR @context.blocked THEN RETURN NULL; END IF;
    @contact := @context.contact_id;
    RETURN json_build_object('resumed', true, 'card', ${CARD}, 'lease',
      ${LEASE_JSON('@context.id', '@context.contact_id', '@context.phone', '@context.shift_id', '@context.status', '@context.created_at', '@context.expires_at')});
  END IF;
  IF @open <> 1 THEN RETURN NULL; END IF;
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
  IF NOT @found THEN
    SELECT * INTO @head FROM (${ALLOCATOR_STATEMENTS.bestHead.postgres}) AS probe;
    @found := FOUND;
  END IF;
  IF NOT @found OR @head.taken <> 1 THEN RETURN NULL; END IF;
  @contact := @head.id;
  RETURN json_build_object('resumed', false, 'card', ${CARD}, 'lease',
    ${LEASE_JSON('@lease', '@head.id', '@head.phone', '@shift', "'active'", '@now', '@expires')});`,
  uses: [ALLOCATOR_STATEMENTS.languageHead, ALLOCATOR_STATEMENTS.bestHead],
});

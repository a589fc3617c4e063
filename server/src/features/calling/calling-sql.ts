// The calling loop's SQL that several statements share (calling.repo.ts, quick-claim-statement.ts).

/**
 * The association of a team evening running in the room now (its stations call its lists), for a
 * volunteer of `own`. calling_sessions_room_start, newest first: a room's live sessions never overlap,
 * so only the one that started last can be running (one seek, however many sessions lie behind it);
 * then teams_session. Several teams in one session: the volunteer's own association's, else the largest team's.
 */
export function teamAssociationNow(room: string, own: string): string {
  return `SELECT t.association_id FROM calling_sessions r JOIN teams t ON t.session_id = r.id AND t.revoked_at IS NULL
     WHERE r.id = (SELECT id FROM calling_sessions WHERE room_id = ${room} AND starts_at <= @now AND cancelled_at IS NULL ORDER BY starts_at DESC LIMIT 1)
       AND r.ends_at > @now
     ORDER BY CASE WHEN t.association_id = ${own} THEN 0 ELSE 1 END, t.places DESC, t.id LIMIT 1`;
}

// The contact's calls as one JSON array, oldest first (each store's aggregate takes an ORDER BY).
export const HISTORY_JSON = {
  sqlite: `(SELECT json_group_array(json_object('ended_at', h.ended_at, 'outcome', h.outcome, 'note', h.note, 'callback_at', h.callback_at)
       ORDER BY h.ended_at, h.id) FROM calls h WHERE h.contact_id = c.id)`,
  postgres: `(SELECT COALESCE(json_agg(json_build_object('ended_at', h.ended_at, 'outcome', h.outcome, 'note', h.note, 'callback_at', h.callback_at)
       ORDER BY h.ended_at, h.id), '[]'::json) FROM calls h WHERE h.contact_id = c.id)`,
};

/** The card's one statement: the contact's columns, `history` (JSON, or NULL) and `questions_version` (or NULL). */
export const cardSql = (history: string, questionsVersion: string, id = '?') =>
  `SELECT c.id, c.list_id, c.name, c.phone, c.voting_district, c.preferred_language, c.needs_speaker, c.status, c.attempts, c.last_attempt_at,
            m.code AS municipality_code, m.name AS municipality_name,
            a.id AS association_id, a.name AS association_name, l.name AS list_name, l.notes_enabled,
            CASE WHEN t.list_id IS NULL THEN l.script ELSE t.script END AS script,
            CASE WHEN t.list_id IS NULL THEN l.instructions ELSE t.instructions END AS instructions,
            t.language AS script_language,
            ${history} AS history, ${questionsVersion} AS questions_version
     FROM contacts c
     JOIN call_lists l ON l.id = c.list_id
     LEFT JOIN list_scripts t ON t.list_id = c.list_id AND t.language = c.preferred_language
     JOIN associations a ON a.id = l.association_id
     JOIN municipalities m ON m.code = a.municipality_code
     WHERE c.id = ${id}`;

import type { Database } from 'better-sqlite3';
import { hashToken, newSecret } from '../auth/tokens.ts';

export interface TeamLink {
  teamId: number;
  sessionId: number;
  associationId: number;
}

export interface TeamRow {
  id: number;
  sessionId: number;
  associationId: number;
  places: number;
  captain: string;
  roomId: number;
  startsAt: number;
  endsAt: number;
  taken: number;
  revokedAt: number | null;
}

/** Team evenings: an association's places in one session, booked through the team's own link (stored hashed). */
export function createTeamsRepo(sqlite: Database) {
  const insert = sqlite.prepare(
    'INSERT INTO teams (session_id, association_id, places, captain, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const find = sqlite.prepare(
    'SELECT id AS teamId, session_id AS sessionId, association_id AS associationId FROM teams WHERE token_hash = ? AND revoked_at IS NULL',
  );
  const ofAssociation = sqlite.prepare(
    `SELECT t.id, t.session_id AS sessionId, t.association_id AS associationId, t.places, t.captain, s.room_id AS roomId,
       s.starts_at AS startsAt, s.ends_at AS endsAt, t.revoked_at AS revokedAt,
       (SELECT count(*) FROM bookings b WHERE b.session_id = t.session_id AND b.team_id = t.id AND b.status IN ('booked','attended','no_show')) AS taken
     FROM teams t JOIN calling_sessions s ON s.id = t.session_id WHERE t.association_id = ? ORDER BY s.starts_at, t.id`,
  );
  const revoke = sqlite.prepare('UPDATE teams SET revoked_at = ? WHERE id = ? AND association_id = ? AND revoked_at IS NULL RETURNING session_id AS sessionId');
  return {
    create(team: { sessionId: number; associationId: number; places: number; captain: string }, now: number): { id: number; token: string } {
      const token = newSecret();
      const id = Number(insert.run(team.sessionId, team.associationId, team.places, team.captain, hashToken(token), now).lastInsertRowid);
      return { id, token };
    },
    find: (token: string) => find.get(hashToken(token)) as TeamLink | undefined,
    ofAssociation: (associationId: number) => ofAssociation.all(associationId) as TeamRow[],
    /** The revoked team's session, or undefined if the association has no such active team. */
    revoke: (associationId: number, id: number, now: number) =>
      (revoke.get(now, id, associationId) as { sessionId: number } | undefined)?.sessionId,
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;

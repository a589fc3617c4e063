import type { Database } from 'better-sqlite3';
import type { BookingStatus } from '@ringstuga/shared';
import { queueMail } from '../mail/mail-outbox.ts';

// Who holds a place in a session. The invariants, kept by running every change inside one write
// (the write batcher runs them one after another in one thread, so a check and its insert are atomic):
// 1. Places taken (booked, attended, no-show) never exceed the session's capacity.
// 2. A team's places are taken only by bookings made through its link; general sign-ups see the
//    capacity minus every active team's places, taken or not. A revoked team's places and its
//    members' bookings fall back to the general pool.
// 3. A freed place goes to the first one waiting for that pool, in order of booking id, who is
//    told (`promoted`) once.

const TAKEN = `('booked','attended','no_show')`;
// Bookings are reached through their session (indexed), never by team_id alone (not indexed).

export interface SessionPlaces {
  capacity: number;
  /** Places taken, team places included. */
  booked: number;
  waitlisted: number;
  /** Places held by active teams, taken or not. */
  teamPlaces: number;
  /** Places a general sign-up can still take. */
  generalFree: number;
}

export interface BookingRow {
  id: number;
  sessionId: number;
  status: BookingStatus;
}

/** Whose pool a booking draws from: the general one, or a team's. */
type Pool = { teamId: null } | { teamId: number };

export function createPlaces(sqlite: Database) {
  const counts = sqlite.prepare(
    `SELECT s.capacity,
       (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN ${TAKEN}) AS booked,
       (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status = 'waitlisted') AS waitlisted,
       (SELECT coalesce(sum(t.places), 0) FROM teams t WHERE t.session_id = s.id AND t.revoked_at IS NULL) AS teamPlaces,
       (SELECT count(*) FROM bookings b LEFT JOIN teams t ON t.id = b.team_id
        WHERE b.session_id = s.id AND b.status IN ${TAKEN} AND (b.team_id IS NULL OR t.revoked_at IS NOT NULL)) AS generalTaken
     FROM calling_sessions s WHERE s.id = ?`,
  );
  const teamCounts = sqlite.prepare(
    `SELECT t.places, (SELECT count(*) FROM bookings b WHERE b.session_id = t.session_id AND b.team_id = t.id AND b.status IN ${TAKEN}) AS taken
     FROM teams t WHERE t.id = ? AND t.revoked_at IS NULL`,
  );
  const activeTeams = sqlite.prepare('SELECT id FROM teams WHERE session_id = ? AND revoked_at IS NULL ORDER BY id');
  const firstWaitingGeneral = sqlite.prepare(
    `SELECT b.id, b.volunteer_id AS volunteerId FROM bookings b LEFT JOIN teams t ON t.id = b.team_id
     WHERE b.session_id = ? AND b.status = 'waitlisted' AND (b.team_id IS NULL OR t.revoked_at IS NOT NULL) ORDER BY b.id LIMIT 1`,
  );
  const firstWaitingInTeam = sqlite.prepare(
    `SELECT b.id, b.volunteer_id AS volunteerId FROM bookings b JOIN teams t ON t.id = b.team_id
     WHERE t.id = ? AND b.session_id = t.session_id AND b.status = 'waitlisted' ORDER BY b.id LIMIT 1`,
  );
  const setStatus = sqlite.prepare('UPDATE bookings SET status = ?, updated_at = ? WHERE id = ?');
  const liveBooking = sqlite.prepare(
    `SELECT id, session_id AS sessionId, status FROM bookings WHERE session_id = ? AND volunteer_id = ? AND status <> 'cancelled'`,
  );
  const insertBooking = sqlite.prepare(
    'INSERT INTO bookings (session_id, volunteer_id, team_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const emailOf = sqlite.prepare('SELECT email FROM volunteers WHERE id = ? AND erased_at IS NULL');
  const touchVolunteer = sqlite.prepare('UPDATE volunteers SET last_booked_at = ? WHERE id = ?');
  const cancelLive = sqlite.prepare(`UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ? AND status IN ('booked','waitlisted')`);

  const hasEmail = (volunteerId: number) => ((emailOf.get(volunteerId) as { email: string | null } | undefined)?.email ?? null) !== null;

  function places(sessionId: number): SessionPlaces | undefined {
    const row = counts.get(sessionId) as (Omit<SessionPlaces, 'generalFree'> & { generalTaken: number }) | undefined;
    if (!row) return undefined;
    const { generalTaken, ...rest } = row;
    return { ...rest, generalFree: Math.max(0, row.capacity - row.teamPlaces - generalTaken) };
  }

  /** Free places in a team's pool; undefined for a revoked or unknown team. */
  function teamFree(teamId: number): number | undefined {
    const row = teamCounts.get(teamId) as { places: number; taken: number } | undefined;
    return row && Math.max(0, row.places - row.taken);
  }

  const freeIn = (sessionId: number, pool: Pool) => (pool.teamId === null ? (places(sessionId)?.generalFree ?? 0) : (teamFree(pool.teamId) ?? 0));

  return {
    places,
    hasEmail,
    teamFree,
    /**
     * Books a place (or a place on the waiting list when the pool is full). A person already
     * holding a live booking in the session keeps it: a retried sign-up books nothing twice.
     * Queues the confirmation for a new booking when the person gave an email.
     */
    book(input: { sessionId: number; volunteerId: number; teamId: number | null; now: number }): BookingRow {
      const existing = liveBooking.get(input.sessionId, input.volunteerId) as BookingRow | undefined;
      if (existing) return existing;
      const status: BookingStatus = freeIn(input.sessionId, { teamId: input.teamId }) > 0 ? 'booked' : 'waitlisted';
      const id = Number(insertBooking.run(input.sessionId, input.volunteerId, input.teamId, status, input.now, input.now).lastInsertRowid);
      touchVolunteer.run(input.now, input.volunteerId);
      if (hasEmail(input.volunteerId)) {
        queueMail(sqlite, { kind: 'confirmation', volunteerId: input.volunteerId, bookingId: id, sessionId: input.sessionId, key: `confirmation:booking:${id}` }, input.now);
      }
      return { id, sessionId: input.sessionId, status };
    },
    fill,
    /** Cancels a live booking and gives its place on; false if it was not live. */
    cancel(bookingId: number, sessionId: number, now: number): boolean {
      if (cancelLive.run(now, bookingId).changes === 0) return false;
      fill(sessionId, now);
      return true;
    },
  };

  /**
   * Gives every free place to the first one waiting for it (general pool, then each team's),
   * telling each person moved up. Call after anything that frees or adds places.
   */
  function fill(sessionId: number, now: number): number[] {
    const promoted: number[] = [];
    const pools: Pool[] = [{ teamId: null }, ...(activeTeams.all(sessionId) as { id: number }[]).map((team) => ({ teamId: team.id }))];
    for (const pool of pools) {
      const next = () =>
        (pool.teamId === null ? firstWaitingGeneral.get(sessionId) : firstWaitingInTeam.get(pool.teamId)) as
          | { id: number; volunteerId: number }
          | undefined;
      // Bounded: each turn moves one waiting booking to booked.
      for (let waiting = next(); waiting && freeIn(sessionId, pool) > 0; waiting = next()) {
        setStatus.run('booked', now, waiting.id);
        promoted.push(waiting.id);
        if (hasEmail(waiting.volunteerId)) {
          queueMail(sqlite, { kind: 'promoted', volunteerId: waiting.volunteerId, bookingId: waiting.id, sessionId, key: `promoted:booking:${waiting.id}` }, now);
        }
      }
    }
    return promoted;
  }
}

export type Places = ReturnType<typeof createPlaces>;

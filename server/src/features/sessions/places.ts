import type { BookingStatus } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import { createPlacesRepo, type PlacesRepo } from './places.repo.ts';

// Who holds a place in a session. The invariants, kept by running every change inside one write
// (the write batcher runs them one after another in one thread, so a check and its insert are atomic):
// 1. Places taken (booked, attended, no-show) never exceed the session's capacity.
// 2. A team's places are taken only by bookings made through its link; general sign-ups see the
//    capacity minus every active team's places, taken or not. A revoked team's places and its
//    members' bookings fall back to the general pool.
// 3. A freed place goes to the first one waiting for that pool, in order of booking id, who is
//    told (`promoted`) once.

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

export type BookingRow = NonNullable<ReturnType<PlacesRepo['liveBooking']>>;

/** Whose pool a booking draws from: the general one, or a team's. */
type Pool = { teamId: null } | { teamId: number };

export function createPlaces(db: Db) {
  const q = createPlacesRepo(db);

  const hasEmail = (volunteerId: number) => q.emailOf(volunteerId) !== null;

  function places(sessionId: number): SessionPlaces | undefined {
    const row = q.counts(sessionId);
    if (!row) return undefined;
    const { generalTaken, ...rest } = row;
    return { ...rest, generalFree: Math.max(0, row.capacity - row.teamPlaces - generalTaken) };
  }

  /** Free places in a team's pool; undefined for a revoked or unknown team. */
  function teamFree(teamId: number): number | undefined {
    const row = q.teamCounts(teamId);
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
      const existing = q.liveBooking(input.sessionId, input.volunteerId);
      if (existing) return existing;
      const status: BookingStatus = freeIn(input.sessionId, { teamId: input.teamId }) > 0 ? 'booked' : 'waitlisted';
      const id = q.insertBooking({ ...input, status });
      q.touchVolunteer(input.now, input.volunteerId);
      if (hasEmail(input.volunteerId)) {
        queueMail(db, { kind: 'confirmation', volunteerId: input.volunteerId, bookingId: id, sessionId: input.sessionId, key: `confirmation:booking:${id}` }, input.now);
      }
      return { id, sessionId: input.sessionId, status };
    },
    fill,
    /** Cancels a live booking and gives its place on; false if it was not live. */
    cancel(bookingId: number, sessionId: number, now: number): boolean {
      if (!q.cancelLive(now, bookingId)) return false;
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
    const pools: Pool[] = [{ teamId: null }, ...q.activeTeams(sessionId).map((team) => ({ teamId: team.id }))];
    for (const pool of pools) {
      const next = () => (pool.teamId === null ? q.firstWaitingGeneral(sessionId) : q.firstWaitingInTeam(pool.teamId));
      // Bounded: each turn moves one waiting booking to booked.
      for (let waiting = next(); waiting && freeIn(sessionId, pool) > 0; waiting = next()) {
        q.setStatus('booked', now, waiting.id);
        promoted.push(waiting.id);
        if (hasEmail(waiting.volunteerId)) {
          queueMail(db, { kind: 'promoted', volunteerId: waiting.volunteerId, bookingId: waiting.id, sessionId, key: `promoted:booking:${waiting.id}` }, now);
        }
      }
    }
    return promoted;
  }
}

export type Places = ReturnType<typeof createPlaces>;

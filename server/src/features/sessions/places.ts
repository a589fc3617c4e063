import type { BookingStatus } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import * as repo from './places.repo.ts';

// Who holds a place in a session. The invariants, kept by running every change inside one store
// write (one transaction: on SQLite the batcher runs writes one after another; on PostgreSQL a
// write that collides with another is retried whole) that first takes `lockPlaces` (PostgreSQL's
// READ COMMITTED writes on several nodes do not collide on a row when each inserts its own), so a
// check and its insert are atomic. Every path that changes a session's places takes it: sign-ups,
// cancellations, team creation and revocation, a session's edit and its cancellation.
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

export type BookingRow = NonNullable<Awaited<ReturnType<typeof repo.liveBooking>>>;

/** Whose pool a booking draws from: the general one, or a team's. */
type Pool = { teamId: null } | { teamId: number };

/** The lock key under which one session's places change (see `lockPlaces`). */
const placesLock = (sessionId: number) => `places:session:${sessionId}`;

/**
 * Takes the lock under which one session's places change, to the end of the caller's write. Every
 * write that reads a session's places (or its capacity, or whether it is cancelled) and then
 * changes them takes it BEFORE that read: on PostgreSQL (READ COMMITTED, several nodes) two such
 * writes do not collide on a row (each inserts its own team or booking), so without the lock both
 * could see the same free places and together take more. Under the lock each statement sees what
 * the previous holder committed. Taking it again in the same write is harmless (it is re-entrant).
 */
export async function lockPlaces(q: Tx, sessionId: number): Promise<void> {
  await q.lock(placesLock(sessionId));
}

/** Every function runs inside the caller's store write (or read, for the counts). */
export function createPlaces() {
  const hasEmail = async (q: Tx, volunteerId: number) => (await repo.emailOf(q, volunteerId)) !== null;

  async function places(q: Tx, sessionId: number): Promise<SessionPlaces | undefined> {
    const row = await repo.counts(q, sessionId);
    if (!row) return undefined;
    const { generalTaken, ...rest } = row;
    return { ...rest, generalFree: Math.max(0, row.capacity - row.teamPlaces - generalTaken) };
  }

  /** Free places in a team's pool; undefined for a revoked or unknown team. */
  async function teamFree(q: Tx, teamId: number): Promise<number | undefined> {
    const row = await repo.teamCounts(q, teamId);
    return row && Math.max(0, row.places - row.taken);
  }

  const freeIn = async (q: Tx, sessionId: number, pool: Pool) =>
    pool.teamId === null ? ((await places(q, sessionId))?.generalFree ?? 0) : ((await teamFree(q, pool.teamId)) ?? 0);

  return {
    places,
    hasEmail,
    teamFree,
    /**
     * Books a place (or a place on the waiting list when the pool is full). A person already
     * holding a live booking in the session keeps it: a retried sign-up books nothing twice.
     * Queues the confirmation for a new booking when the person gave an email.
     */
    async book(q: Tx, input: { sessionId: number; volunteerId: number; teamId: number | null; now: number }): Promise<BookingRow> {
      // On PostgreSQL two sign-ups' count-then-insert do not collide (each inserts its own row), so
      // one session's places are changed by one write at a time; a deadlock between sign-ups for
      // several sessions in other orders is retried by the store.
      await lockPlaces(q, input.sessionId);
      const existing = await repo.liveBooking(q, input.sessionId, input.volunteerId);
      if (existing) return existing;
      const status: BookingStatus = (await freeIn(q, input.sessionId, { teamId: input.teamId })) > 0 ? 'booked' : 'waitlisted';
      const id = await repo.insertBooking(q, { ...input, status });
      await repo.touchVolunteer(q, input.now, input.volunteerId);
      if (await hasEmail(q, input.volunteerId)) {
        await queueMail(q, { kind: 'confirmation', volunteerId: input.volunteerId, bookingId: id, sessionId: input.sessionId, key: `confirmation:booking:${id}` }, input.now);
      }
      return { id, sessionId: input.sessionId, status };
    },
    fill,
    /** Cancels a live booking and gives its place on; false if it was not live. */
    async cancel(q: Tx, bookingId: number, sessionId: number, now: number): Promise<boolean> {
      await lockPlaces(q, sessionId);
      if (!(await repo.cancelLive(q, now, bookingId))) return false;
      await fill(q, sessionId, now);
      return true;
    },
  };

  /**
   * Gives every free place to the first one waiting for it (general pool, then each team's),
   * telling each person moved up. Call after anything that frees or adds places.
   */
  async function fill(q: Tx, sessionId: number, now: number): Promise<number[]> {
    await lockPlaces(q, sessionId);
    const promoted: number[] = [];
    const pools: Pool[] = [{ teamId: null }, ...(await repo.activeTeams(q, sessionId)).map((team) => ({ teamId: team.id }))];
    for (const pool of pools) {
      const next = () => (pool.teamId === null ? repo.firstWaitingGeneral(q, sessionId) : repo.firstWaitingInTeam(q, pool.teamId));
      // Bounded: each turn moves one waiting booking to booked.
      for (let waiting = await next(); waiting && (await freeIn(q, sessionId, pool)) > 0; waiting = await next()) {
        await repo.setStatus(q, 'booked', now, waiting.id);
        promoted.push(waiting.id);
        if (await hasEmail(q, waiting.volunteerId)) {
          await queueMail(q, { kind: 'promoted', volunteerId: waiting.volunteerId, bookingId: waiting.id, sessionId, key: `promoted:booking:${waiting.id}` }, now);
        }
      }
    }
    return promoted;
  }
}

export type Places = ReturnType<typeof createPlaces>;

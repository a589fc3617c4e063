import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { zBookingResult, zSignupSession } from '@ringstuga/shared';
import { associations, callingSessions, rooms } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { lockPlaces, type Places } from '../sessions/places.ts';
import { Refusal } from '../sessions/refusal.ts';

/** What a link books into: upcoming sessions of one room or all (a sign-up link or the personal page), or one team's places. */
export type Scope = { kind: 'open'; roomId: number | null } | { kind: 'team'; teamId: number; sessionId: number };

type SignupSession = z.infer<typeof zSignupSession>;
type BookingResult = z.infer<typeof zBookingResult>;

/** Sessions open for booking (upcoming, not cancelled) and booking into them, for sign-up links, team links and the personal page. */
export function createOffer(places: Places) {
  const upcoming = (q: Tx, now: number, roomId: number | null, sessionId: number | null) =>
    q.db
      .select({
        id: callingSessions.id,
        roomId: callingSessions.roomId,
        room: rooms.name,
        address: rooms.address,
        startsAt: callingSessions.startsAt,
        endsAt: callingSessions.endsAt,
        capacity: callingSessions.capacity,
      })
      .from(callingSessions)
      .innerJoin(rooms, eq(rooms.id, callingSessions.roomId))
      .where(
        and(
          isNull(callingSessions.cancelledAt),
          gt(callingSessions.startsAt, now),
          roomId === null ? undefined : eq(callingSessions.roomId, roomId),
          sessionId === null ? undefined : eq(callingSessions.id, sessionId),
        ),
      )
      .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id))
      .limit(1000);

  const rows = async (q: Tx, scope: Scope, now: number, onlyId: number | null = null) => {
    const roomId = scope.kind === 'open' ? scope.roomId : null;
    const sessionId = scope.kind === 'team' ? scope.sessionId : onlyId;
    if (scope.kind === 'team' && onlyId !== null && onlyId !== scope.sessionId) return [];
    return upcoming(q, now, roomId, sessionId);
  };

  return {
    /** The sessions the scope may book, with the places it can still take (`free`). */
    async sessions(q: Tx, scope: Scope, now: number): Promise<SignupSession[]> {
      const sessions: SignupSession[] = [];
      for (const row of await rows(q, scope, now)) {
        const counted = (await places.places(q, row.id))!;
        const free = scope.kind === 'team' ? ((await places.teamFree(q, scope.teamId)) ?? 0) : counted.generalFree;
        sessions.push({ ...row, startsAt: new Date(row.startsAt).toISOString(), endsAt: new Date(row.endsAt).toISOString(), booked: counted.booked, free });
      }
      return sessions;
    },
    /** The associations a volunteer may say they come with, by name. */
    associations: (q: Tx) => q.db.select({ id: associations.id, name: associations.name }).from(associations).orderBy(asc(associations.name)),
    associationName: async (q: Tx, id: number) => first(await q.db.select({ name: associations.name }).from(associations).where(eq(associations.id, id)))?.name,
    /** Books the volunteer into each session (waitlisted where full); refuses the whole write if one is not the scope's to book. */
    async book(q: Tx, scope: Scope, volunteerId: number, sessionIds: number[], now: number): Promise<BookingResult[]> {
      const booked: BookingResult[] = [];
      const wanted = [...new Set(sessionIds)];
      // Before checking each session is open: its cancellation or edit on another node waits, or is
      // seen. In ascending order, so two sign-ups for the same sessions never wait on each other crosswise.
      for (const sessionId of [...wanted].sort((a, b) => a - b)) await lockPlaces(q, sessionId);
      for (const sessionId of wanted) {
        if ((await rows(q, scope, now, sessionId)).length === 0) {
          throw new Refusal('not_found', `Session ${sessionId} is not open for booking here`, { reason: 'session_not_bookable' });
        }
        const teamId = scope.kind === 'team' ? scope.teamId : null;
        booked.push(await places.book(q, { sessionId, volunteerId, teamId, now }));
      }
      return booked;
    },
  };
}

export type Offer = ReturnType<typeof createOffer>;

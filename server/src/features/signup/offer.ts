import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { zBookingResult, zSignupSession } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { associations, callingSessions, rooms } from '../../db/schema.ts';
import type { Places } from '../sessions/places.ts';
import { Refusal } from '../sessions/refusal.ts';

/** What a link books into: upcoming sessions of one room or all (a sign-up link or the personal page), or one team's places. */
export type Scope = { kind: 'open'; roomId: number | null } | { kind: 'team'; teamId: number; sessionId: number };

type SignupSession = z.infer<typeof zSignupSession>;
type BookingResult = z.infer<typeof zBookingResult>;

/** Sessions open for booking (upcoming, not cancelled) and booking into them, for sign-up links, team links and the personal page. */
export function createOffer(db: Db, places: Places) {
  const upcoming = (now: number, roomId: number | null, sessionId: number | null) =>
    db
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
      .limit(1000)
      .all();

  const rows = (scope: Scope, now: number, onlyId: number | null = null) => {
    const roomId = scope.kind === 'open' ? scope.roomId : null;
    const sessionId = scope.kind === 'team' ? scope.sessionId : onlyId;
    if (scope.kind === 'team' && onlyId !== null && onlyId !== scope.sessionId) return [];
    return upcoming(now, roomId, sessionId);
  };

  return {
    /** The sessions the scope may book, with the places it can still take (`free`). */
    sessions(scope: Scope, now: number): SignupSession[] {
      return rows(scope, now).map((row) => {
        const counted = places.places(row.id)!;
        const free = scope.kind === 'team' ? (places.teamFree(scope.teamId) ?? 0) : counted.generalFree;
        return { ...row, startsAt: new Date(row.startsAt).toISOString(), endsAt: new Date(row.endsAt).toISOString(), booked: counted.booked, free };
      });
    },
    /** The associations a volunteer may say they come with, by name. */
    associations: () => db.select({ id: associations.id, name: associations.name }).from(associations).orderBy(asc(associations.name)).all(),
    associationName: (id: number) => db.select({ name: associations.name }).from(associations).where(eq(associations.id, id)).get()?.name,
    /** Books the volunteer into each session (waitlisted where full); refuses the whole write if one is not the scope's to book. */
    book(scope: Scope, volunteerId: number, sessionIds: number[], now: number): BookingResult[] {
      return [...new Set(sessionIds)].map((sessionId) => {
        if (rows(scope, now, sessionId).length === 0) throw new Refusal('not_found', `Session ${sessionId} is not open for booking here`);
        const teamId = scope.kind === 'team' ? scope.teamId : null;
        return places.book({ sessionId, volunteerId, teamId, now });
      });
    },
  };
}

export type Offer = ReturnType<typeof createOffer>;

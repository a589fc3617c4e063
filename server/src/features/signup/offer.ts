import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { zBookingResult, zSignupSession } from '@ringstuga/shared';
import type { Places } from '../sessions/places.ts';
import { Refusal } from '../sessions/refusal.ts';

/** What a link books into: upcoming sessions of one room or all (a sign-up link or the personal page), or one team's places. */
export type Scope = { kind: 'open'; roomId: number | null } | { kind: 'team'; teamId: number; sessionId: number };

type SignupSession = z.infer<typeof zSignupSession>;
type BookingResult = z.infer<typeof zBookingResult>;

/** Sessions open for booking (upcoming, not cancelled) and booking into them, for sign-up links, team links and the personal page. */
export function createOffer(sqlite: Database, places: Places) {
  const upcoming = sqlite.prepare(
    `SELECT s.id, s.room_id AS roomId, r.name AS room, r.address, s.starts_at AS startsAt, s.ends_at AS endsAt, s.capacity
     FROM calling_sessions s JOIN rooms r ON r.id = s.room_id
     WHERE s.cancelled_at IS NULL AND s.starts_at > ? AND (? IS NULL OR s.room_id = ?) AND (? IS NULL OR s.id = ?)
     ORDER BY s.starts_at, s.id LIMIT 1000`,
  );

  type Row = Omit<SignupSession, 'startsAt' | 'endsAt' | 'booked' | 'free'> & { startsAt: number; endsAt: number };
  const rows = (scope: Scope, now: number, onlyId: number | null = null): Row[] => {
    const roomId = scope.kind === 'open' ? scope.roomId : null;
    const sessionId = scope.kind === 'team' ? scope.sessionId : onlyId;
    if (scope.kind === 'team' && onlyId !== null && onlyId !== scope.sessionId) return [];
    return upcoming.all(now, roomId, roomId, sessionId, sessionId) as Row[];
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

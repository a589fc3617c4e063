import { asc, eq } from 'drizzle-orm';
import { bookings, callingSessions, rooms } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

/** One volunteer's bookings with their sessions as they stand now (a moved session shows its new time). */
export function createMyBookingsRepo() {
  return {
    of: (q: Tx, volunteerId: number) =>
      q.db
        .select({
          id: bookings.id,
          sessionId: bookings.sessionId,
          roomId: callingSessions.roomId,
          room: rooms.name,
          address: rooms.address,
          startsAt: callingSessions.startsAt,
          endsAt: callingSessions.endsAt,
          status: bookings.status,
          revision: callingSessions.revision,
          sessionCancelledAt: callingSessions.cancelledAt,
        })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .innerJoin(rooms, eq(rooms.id, callingSessions.roomId))
        .where(eq(bookings.volunteerId, volunteerId))
        .orderBy(asc(callingSessions.startsAt), asc(bookings.id)),
  };
}

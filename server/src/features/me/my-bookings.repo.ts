import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, rooms } from '../../db/schema.ts';

/** One volunteer's bookings with their sessions as they stand now (a moved session shows its new time). */
export function createMyBookingsRepo(db: Db) {
  return {
    of: (volunteerId: number) =>
      db
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
        .orderBy(asc(callingSessions.startsAt), asc(bookings.id))
        .all(),
  };
}

import { and, asc, count, eq, gt, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { Session } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, rooms, stations } from '../../db/schema.ts';
import type { Places } from './places.ts';

const COLUMNS = {
  id: callingSessions.id,
  roomId: callingSessions.roomId,
  startsAt: callingSessions.startsAt,
  endsAt: callingSessions.endsAt,
  capacity: callingSessions.capacity,
  revision: callingSessions.revision,
  cancelledAt: callingSessions.cancelledAt,
};
export type SessionRow = Pick<typeof callingSessions.$inferSelect, keyof typeof COLUMNS>;

/** Queries on calling sessions; the rules are in sessions.service.ts. */
export function createSessionsRepo(db: Db, places: Places) {
  const live = isNull(callingSessions.cancelledAt);
  return {
    find: (id: number): SessionRow | undefined => db.select(COLUMNS).from(callingSessions).where(eq(callingSessions.id, id)).get(),
    inRoom: (roomId: number, from: number, to: number): SessionRow[] =>
      db
        .select(COLUMNS)
        .from(callingSessions)
        .where(and(eq(callingSessions.roomId, roomId), live, gt(callingSessions.endsAt, from), lt(callingSessions.startsAt, to)))
        .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id))
        .all(),
    overlaps: (roomId: number, startsAt: number, endsAt: number, exceptId = 0) =>
      db
        .select({ id: callingSessions.id })
        .from(callingSessions)
        .where(
          and(
            eq(callingSessions.roomId, roomId),
            live,
            lt(callingSessions.startsAt, endsAt),
            gt(callingSessions.endsAt, startsAt),
            ne(callingSessions.id, exceptId),
          ),
        )
        .limit(1)
        .get() !== undefined,
    insert: (roomId: number, startsAt: number, endsAt: number, capacity: number, campaignId: number, now: number) =>
      db.insert(callingSessions).values({ roomId, startsAt, endsAt, capacity, campaignId, createdAt: now }).returning({ id: callingSessions.id }).get().id,
    // Fixed and remote stations alike: each is a place to call from.
    stationsIn: (roomId: number) => db.select({ n: count() }).from(stations).where(eq(stations.roomId, roomId)).get()!.n,
    liveBookings: (sessionId: number) =>
      db
        .select({ id: bookings.id, volunteerId: bookings.volunteerId })
        .from(bookings)
        .where(and(eq(bookings.sessionId, sessionId), inArray(bookings.status, ['booked', 'waitlisted'])))
        .orderBy(asc(bookings.id))
        .all(),
    /** Moves or resizes a session (its revision raised by the service when it moved). */
    update: (id: number, change: Pick<SessionRow, 'startsAt' | 'endsAt' | 'capacity' | 'revision'>) =>
      void db.update(callingSessions).set(change).where(eq(callingSessions.id, id)).run(),
    /** Cancels the session and every live booking in it. */
    cancel(id: number, now: number): void {
      db.update(callingSessions).set({ cancelledAt: now }).where(eq(callingSessions.id, id)).run();
      db.update(bookings)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(bookings.sessionId, id), inArray(bookings.status, ['booked', 'waitlisted'])))
        .run();
    },
    /** Sets the room's address, named in every confirmation and reminder. */
    setAddress: (roomId: number, address: string | null) => db.update(rooms).set({ address }).where(eq(rooms.id, roomId)).run().changes > 0,
    /** The API's view of a session, with its places counted now. */
    summary(row: SessionRow): Session {
      const counted = places.places(row.id)!;
      return {
        id: row.id,
        roomId: row.roomId,
        startsAt: new Date(row.startsAt).toISOString(),
        endsAt: new Date(row.endsAt).toISOString(),
        capacity: row.capacity,
        booked: counted.booked,
        waitlisted: counted.waitlisted,
        teamPlaces: counted.teamPlaces,
      };
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;

import { and, asc, count, eq, gt, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { Session } from '@ringstuga/shared';
import { bookings, callingSessions, rooms, stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
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

/** Queries on calling sessions; the rules are in sessions.service.ts. Each runs in the caller's store work. */
export function createSessionsRepo(places: Places) {
  const live = isNull(callingSessions.cancelledAt);
  return {
    find: async (q: Tx, id: number): Promise<SessionRow | undefined> => first(await q.db.select(COLUMNS).from(callingSessions).where(eq(callingSessions.id, id))),
    inRoom: (q: Tx, roomId: number, from: number, to: number): Promise<SessionRow[]> =>
      q.db
        .select(COLUMNS)
        .from(callingSessions)
        .where(and(eq(callingSessions.roomId, roomId), live, gt(callingSessions.endsAt, from), lt(callingSessions.startsAt, to)))
        .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id)),
    overlaps: async (q: Tx, roomId: number, startsAt: number, endsAt: number, exceptId = 0) =>
      first(
        await q.db
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
          .limit(1),
      ) !== undefined,
    insert: async (q: Tx, roomId: number, startsAt: number, endsAt: number, capacity: number, campaignId: number, now: number) => {
      const [row] = await q.db.insert(callingSessions).values({ roomId, startsAt, endsAt, capacity, campaignId, createdAt: now }).returning({ id: callingSessions.id });
      return row!.id;
    },
    // Fixed and remote stations alike: each is a place to call from.
    stationsIn: async (q: Tx, roomId: number) => first(await q.db.select({ n: count() }).from(stations).where(eq(stations.roomId, roomId)))!.n,
    liveBookings: (q: Tx, sessionId: number) =>
      q.db
        .select({ id: bookings.id, volunteerId: bookings.volunteerId })
        .from(bookings)
        .where(and(eq(bookings.sessionId, sessionId), inArray(bookings.status, ['booked', 'waitlisted'])))
        .orderBy(asc(bookings.id)),
    /** Moves or resizes a session (its revision raised by the service when it moved). */
    async update(q: Tx, id: number, change: Pick<SessionRow, 'startsAt' | 'endsAt' | 'capacity' | 'revision'>): Promise<void> {
      await q.db.update(callingSessions).set(change).where(eq(callingSessions.id, id));
    },
    /** Cancels the session and every live booking in it. */
    async cancel(q: Tx, id: number, now: number): Promise<void> {
      await q.db.update(callingSessions).set({ cancelledAt: now }).where(eq(callingSessions.id, id));
      await q.db
        .update(bookings)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(bookings.sessionId, id), inArray(bookings.status, ['booked', 'waitlisted'])));
    },
    /** Sets the room's address, named in every confirmation and reminder. */
    setAddress: async (q: Tx, roomId: number, address: string | null) => (await q.run(q.db.update(rooms).set({ address }).where(eq(rooms.id, roomId)))) > 0,
    /** The API's view of a session, with its places counted now. */
    async summary(q: Tx, row: SessionRow): Promise<Session> {
      const counted = (await places.places(q, row.id))!;
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

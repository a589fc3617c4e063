import { asc, count, eq } from 'drizzle-orm';
import type { RoomSummary } from '@ringstuga/shared';
import { rooms, stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** Rooms (sites); their stations are the stations feature's. */
export function createRoomsRepo() {
  return {
    // A join, not a subquery in `sql`: drizzle writes a one-table select's columns unqualified, so
    // `room_id = id` inside a subquery compared the station with itself and counted one station.
    all: (q: Tx): Promise<RoomSummary[]> =>
      q.db
        .select({ id: rooms.id, name: rooms.name, stations: count(stations.id), address: rooms.address })
        .from(rooms)
        .leftJoin(stations, eq(stations.roomId, rooms.id))
        .groupBy(rooms.id, rooms.name, rooms.address)
        .orderBy(asc(rooms.id)),
    find: async (q: Tx, id: number): Promise<{ id: number; name: string } | undefined> =>
      first(await q.db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.id, id))),
    /** The new room's id, or null when the name is taken. */
    async create(q: Tx, name: string, now: number): Promise<number | null> {
      const taken = first(await q.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.name, name)).limit(1));
      if (taken) return null;
      const [made] = await q.db.insert(rooms).values({ name, createdAt: now }).returning({ id: rooms.id });
      return made!.id;
    },
  };
}

export type RoomsRepo = ReturnType<typeof createRoomsRepo>;

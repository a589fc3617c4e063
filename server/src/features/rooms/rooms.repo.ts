import { asc, count, eq } from 'drizzle-orm';
import type { RoomSummary } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { rooms, stations } from '../../db/schema.ts';

/** Rooms (sites); their stations are the stations feature's. */
export function createRoomsRepo(db: Db) {
  return {
    // A join, not a subquery in `sql`: drizzle writes a one-table select's columns unqualified, so
    // `room_id = id` inside a subquery compared the station with itself and counted one station.
    all: (): RoomSummary[] =>
      db
        .select({ id: rooms.id, name: rooms.name, stations: count(stations.id), address: rooms.address })
        .from(rooms)
        .leftJoin(stations, eq(stations.roomId, rooms.id))
        .groupBy(rooms.id)
        .orderBy(asc(rooms.id))
        .all(),
    find: (id: number): { id: number; name: string } | undefined =>
      db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.id, id)).get(),
    /** The new room's id, or null when the name is taken. */
    create(name: string, now: number): number | null {
      const taken = db.select({ id: rooms.id }).from(rooms).where(eq(rooms.name, name)).get();
      if (taken) return null;
      return db.insert(rooms).values({ name, createdAt: now }).returning({ id: rooms.id }).get().id;
    },
  };
}

export type RoomsRepo = ReturnType<typeof createRoomsRepo>;

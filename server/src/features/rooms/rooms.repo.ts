import { asc, eq, sql } from 'drizzle-orm';
import type { RoomSummary } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { rooms, stations } from '../../db/schema.ts';

/** Rooms (sites); their stations are the stations feature's. */
export function createRoomsRepo(db: Db) {
  return {
    all: (): RoomSummary[] =>
      db
        .select({
          id: rooms.id,
          name: rooms.name,
          stations: sql<number>`(SELECT count(*) FROM ${stations} WHERE ${stations.roomId} = ${rooms.id})`,
        })
        .from(rooms)
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

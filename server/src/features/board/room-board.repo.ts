import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Flag, StationTile } from '@ringstuga/shared';
import { assignments, associations, flags, rooms, shifts, stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import type { StationPaceFlags } from '../calling/hand-out-limit.ts';

// What the call leader's board shows of each station and the open flags. A station has at most
// one open shift and one active assignment (unique partial indexes), so the joins keep one row per station.

const iso = (ms: number) => new Date(ms).toISOString();

type TileRow = Awaited<ReturnType<typeof tileQuery>>[number];

function shiftOf(row: TileRow): StationTile['shift'] {
  if (row.shiftId === null || row.startedAt === null) return null;
  return {
    id: row.shiftId,
    name: row.shiftName ?? '',
    association: row.associationId === null ? null : { id: row.associationId, name: row.associationName ?? '' },
    languages: row.languages ?? [],
    startedAt: iso(row.startedAt),
    endedAt: null,
    endReason: null,
    attempts: row.attempts ?? 0,
    answered: row.answered ?? 0,
    conversations: row.conversations ?? 0,
  };
}

// The board is read on every push. `status = 'active'` stays literal so the join can use the
// partial index of active leases.
const tileQuery = (q: Tx, roomId: number) =>
  q.db
    .select({
      id: stations.id,
      number: stations.number,
      name: stations.name,
      listId: stations.listId,
      remote: stations.remote,
      shiftId: shifts.id,
      shiftName: shifts.name,
      associationId: shifts.associationId,
      associationName: associations.name,
      languages: shifts.languages,
      startedAt: shifts.startedAt,
      lastActivityAt: shifts.lastActivityAt,
      attempts: shifts.attempts,
      answered: shifts.answered,
      conversations: shifts.conversations,
      callStartedAt: assignments.createdAt,
    })
    .from(stations)
    .leftJoin(shifts, and(eq(shifts.stationId, stations.id), isNull(shifts.endedAt)))
    .leftJoin(associations, eq(associations.id, shifts.associationId))
    .leftJoin(assignments, and(eq(assignments.stationId, stations.id), sql`${assignments.status} = 'active'`))
    .where(eq(stations.roomId, roomId))
    .orderBy(asc(stations.number));

const openFlags = (q: Tx, roomId: number) =>
  q.db
    .select({
      id: flags.id,
      message: flags.message,
      createdAt: flags.createdAt,
      stationId: stations.id,
      stationNumber: stations.number,
      stationName: stations.name,
      volunteer: shifts.name,
    })
    .from(flags)
    .innerJoin(stations, eq(stations.id, flags.stationId))
    .leftJoin(shifts, eq(shifts.id, flags.shiftId))
    .where(and(eq(flags.roomId, roomId), isNull(flags.handledAt)))
    .orderBy(desc(flags.createdAt), desc(flags.id));

/** `paceFlags`: what the calling service knows of a station's pace (kept in memory, not in the database). */
export function createRoomBoardRepo(options: { paceFlags(stationId: number, shiftId: number | null): StationPaceFlags }) {
  return {
    /** Every station in the room by number; `online` comes from presence (realtime), which this module never sees. */
    async tiles(q: Tx, roomId: number, online: (q: Tx, stationIds: readonly number[]) => Promise<ReadonlySet<number>>): Promise<StationTile[]> {
      const rows = await tileQuery(q, roomId);
      const connected = await online(q, rows.map((row) => row.id));
      return rows.map((row) => {
        const moments = [row.lastActivityAt, row.callStartedAt].filter((ms): ms is number => ms !== null);
        return {
          id: row.id,
          number: row.number,
          name: row.name,
          online: connected.has(row.id),
          remote: row.remote,
          fixedListId: row.listId,
          shift: shiftOf(row),
          callStartedAt: row.callStartedAt === null ? null : iso(row.callStartedAt),
          lastActivityAt: moments.length === 0 ? null : iso(Math.max(...moments)),
          ...options.paceFlags(row.id, row.shiftId),
        };
      });
    },
    /** Unhandled flags, newest first. */
    async openFlags(q: Tx, roomId: number): Promise<Flag[]> {
      return (await openFlags(q, roomId)).map((row) => ({
        id: row.id,
        station: { id: row.stationId, number: row.stationNumber, name: row.stationName },
        volunteer: row.volunteer,
        message: row.message,
        createdAt: iso(row.createdAt),
      }));
    },
    room: async (q: Tx, roomId: number): Promise<{ id: number; name: string } | undefined> =>
      first(await q.db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.id, roomId))),
  };
}

export type RoomBoardRepo = ReturnType<typeof createRoomBoardRepo>;

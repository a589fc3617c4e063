import { and, asc, desc, eq, getTableColumns, gt, isNull, notExists, type SQL, sql } from 'drizzle-orm';
import type { Shift } from '@ringstuga/shared';
import { assignments, associations, callLists, campaigns, rooms, shifts, stations } from '../../db/schema.ts';
import { statement } from '../../db/store/statement.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { lastPresentAt } from '../figures/campaign-figures.ts';
import { SHIFT_VIEW_COLUMNS, shiftFromView, type ShiftViewRow } from '../figures/shift-view.ts';

export type ShiftRow = typeof shifts.$inferSelect & { associationName: string | null };

const withAssociation = { ...getTableColumns(shifts), associationName: associations.name };

// After each outcome on SQLite (and on PostgreSQL when the write could not return it) a station is
// sent its shift's figures: a statement prepared once per connection, where drizzle's query would be
// built, and on PostgreSQL planned, at every outcome. shifts_one_open_per_station, then the
// association's primary key.
const OPEN_SHIFT_VIEW = statement<[number], ShiftViewRow>(
  `SELECT ${SHIFT_VIEW_COLUMNS}
   FROM shifts s LEFT JOIN associations a ON a.id = s.association_id
   WHERE s.station_id = ? AND s.ended_at IS NULL`,
);

const shiftWhere = (q: Tx, where: SQL | undefined) =>
  q.db.select(withAssociation).from(shifts).leftJoin(associations, eq(associations.id, shifts.associationId)).where(where);

/** Queries for check-in, check-out and the idle sweep. */
export function createShiftsRepo() {
  return {
    /** The station's open shift as the station shows it, or null. */
    async openView(q: Tx, stationId: number): Promise<Shift | null> {
      const row = await q.get(OPEN_SHIFT_VIEW, [stationId]);
      return row ? shiftFromView(row) : null;
    },
    // A station has at most one open shift (a unique partial index).
    open: async (q: Tx, stationId: number): Promise<ShiftRow | undefined> =>
      first(await shiftWhere(q, and(eq(shifts.stationId, stationId), isNull(shifts.endedAt))).limit(1)),
    latest: async (q: Tx, stationId: number): Promise<ShiftRow | undefined> =>
      first(await shiftWhere(q, eq(shifts.stationId, stationId)).orderBy(desc(shifts.id)).limit(1)),
    byId: async (q: Tx, id: number): Promise<ShiftRow | undefined> => first(await shiftWhere(q, eq(shifts.id, id))),
    /**
     * Starts a shift in the station's room and campaign (its fixed list's, else the active campaign
     * that started last); undefined if there is no such station.
     */
    async insert(
      q: Tx,
      shift: { stationId: number; name: string; associationId: number | null; languages: string[]; volunteerId: number | null; now: number },
    ): Promise<number | undefined> {
      const station = first(
        await q.db
          .select({ roomId: stations.roomId, listCampaign: callLists.campaignId })
          .from(stations)
          .leftJoin(callLists, eq(callLists.id, stations.listId))
          .where(eq(stations.id, shift.stationId)),
      );
      if (!station) return undefined;
      // With no active campaign at all, the one that started last: a shift always belongs to one.
      const latest = first(
        await q.db
          .select({ id: campaigns.id })
          .from(campaigns)
          .orderBy(sql`CASE WHEN ${campaigns.status} = 'active' THEN 1 ELSE 0 END DESC`, desc(campaigns.startsOn), desc(campaigns.id))
          .limit(1),
      );
      const campaignId = station.listCampaign ?? latest?.id ?? 1;
      const { stationId, name, associationId, languages, volunteerId, now } = shift;
      const [inserted] = await q.db
        .insert(shifts)
        .values({ stationId, roomId: station.roomId, name, associationId, languages, volunteerId, startedAt: now, lastActivityAt: now, campaignId })
        .returning({ id: shifts.id });
      return inserted!.id;
    },
    /** The stations where a booked volunteer has a shift open (one, unless they moved without checking out). */
    openStationsOf: async (q: Tx, volunteerId: number): Promise<number[]> =>
      (
        await q.db
          .select({ stationId: shifts.stationId })
          .from(shifts)
          .where(and(eq(shifts.volunteerId, volunteerId), isNull(shifts.endedAt)))
      ).map((row) => row.stationId),
    close: async (q: Tx, id: number, endedAt: number, endReason: NonNullable<Shift['endReason']>): Promise<void> => {
      await q.db
        .update(shifts)
        .set({ endedAt, endReason })
        .where(and(eq(shifts.id, id), isNull(shifts.endedAt)));
    },
    /**
     * Idle: no act of the volunteer's and no waiting station asking since `before`, and no contact
     * held within its lease (a call under way is not idling; a lapsed lease is nobody's call).
     */
    idleSince: (q: Tx, before: number, now: number) =>
      q.db
        .select({ id: shifts.id, stationId: shifts.stationId, roomId: shifts.roomId, lastPresentAt })
        .from(shifts)
        .where(
          and(
            isNull(shifts.endedAt),
            sql`${lastPresentAt} <= ${before}`,
            notExists(
              q.db
                .select({ one: sql`1` })
                .from(assignments)
                .where(and(eq(assignments.stationId, shifts.stationId), sql`${assignments.status} = 'active'`, gt(assignments.expiresAt, now))),
            ),
          ),
        ),
    associationExists: async (q: Tx, id: number) =>
      first(await q.db.select({ id: associations.id }).from(associations).where(eq(associations.id, id))) !== undefined,
    all: (q: Tx) =>
      q.db
        .select({ ...withAssociation, stationNumber: stations.number, roomName: rooms.name })
        .from(shifts)
        .leftJoin(associations, eq(associations.id, shifts.associationId))
        .innerJoin(stations, eq(stations.id, shifts.stationId))
        .innerJoin(rooms, eq(rooms.id, shifts.roomId))
        .orderBy(asc(shifts.startedAt), asc(shifts.id)),
  };
}

export type ShiftsRepo = ReturnType<typeof createShiftsRepo>;

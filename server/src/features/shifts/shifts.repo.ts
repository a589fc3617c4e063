import { and, asc, desc, eq, getTableColumns, gt, isNull, notExists, type SQL, sql } from 'drizzle-orm';
import type { Shift } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { assignments, associations, callLists, campaigns, rooms, shifts, stations } from '../../db/schema.ts';

export type ShiftRow = typeof shifts.$inferSelect & { associationName: string | null };

const withAssociation = { ...getTableColumns(shifts), associationName: associations.name };
/** The volunteer's last sign of presence: an act, or a waiting station asking. */
const lastPresentAt = sql<number>`max(${shifts.lastActivityAt}, coalesce(${shifts.lastSeenAt}, 0))`;

/** Queries for check-in, check-out and the idle sweep. */
export function createShiftsRepo(db: Db) {
  const shiftWhere = (where: SQL | undefined) =>
    db.select(withAssociation).from(shifts).leftJoin(associations, eq(associations.id, shifts.associationId)).where(where);
  const stationId = sql.placeholder('stationId');
  // Built once: the open shift is read with every station's state.
  const open = shiftWhere(and(eq(shifts.stationId, stationId), isNull(shifts.endedAt))).prepare();
  const latest = shiftWhere(eq(shifts.stationId, stationId)).orderBy(desc(shifts.id)).limit(1).prepare();
  const byId = shiftWhere(eq(shifts.id, sql.placeholder('id'))).prepare();

  return {
    open: (stationId: number): ShiftRow | undefined => open.get({ stationId }),
    latest: (stationId: number): ShiftRow | undefined => latest.get({ stationId }),
    byId: (id: number): ShiftRow | undefined => byId.get({ id }),
    /**
     * Starts a shift in the station's room and campaign (its fixed list's, else the active campaign
     * that started last); undefined if there is no such station.
     */
    insert(shift: { stationId: number; name: string; associationId: number | null; languages: string[]; now: number }): number | undefined {
      const station = db
        .select({ roomId: stations.roomId, listCampaign: callLists.campaignId })
        .from(stations)
        .leftJoin(callLists, eq(callLists.id, stations.listId))
        .where(eq(stations.id, shift.stationId))
        .get();
      if (!station) return undefined;
      // With no active campaign at all, the one that started last: a shift always belongs to one.
      const latest = db
        .select({ id: campaigns.id })
        .from(campaigns)
        .orderBy(sql`${campaigns.status} = 'active' DESC`, desc(campaigns.startsOn), desc(campaigns.id))
        .get();
      const campaignId = station.listCampaign ?? latest?.id ?? 1;
      const { stationId, name, associationId, languages, now } = shift;
      return db
        .insert(shifts)
        .values({ stationId, roomId: station.roomId, name, associationId, languages, startedAt: now, lastActivityAt: now, campaignId })
        .returning({ id: shifts.id })
        .get().id;
    },
    close: (id: number, endedAt: number, endReason: NonNullable<Shift['endReason']>) =>
      void db
        .update(shifts)
        .set({ endedAt, endReason })
        .where(and(eq(shifts.id, id), isNull(shifts.endedAt)))
        .run(),
    /**
     * Idle: no act of the volunteer's and no waiting station asking since `before`, and no contact
     * held within its lease (a call under way is not idling; a lapsed lease is nobody's call).
     */
    idleSince: (before: number, now: number) =>
      db
        .select({ id: shifts.id, stationId: shifts.stationId, roomId: shifts.roomId, lastPresentAt })
        .from(shifts)
        .where(
          and(
            isNull(shifts.endedAt),
            sql`${lastPresentAt} <= ${before}`,
            notExists(
              db
                .select({ one: sql`1` })
                .from(assignments)
                .where(and(eq(assignments.stationId, shifts.stationId), sql`${assignments.status} = 'active'`, gt(assignments.expiresAt, now))),
            ),
          ),
        )
        .all(),
    associationExists: (id: number) => db.select({ id: associations.id }).from(associations).where(eq(associations.id, id)).get() !== undefined,
    all: () =>
      db
        .select({ ...withAssociation, stationNumber: stations.number, roomName: rooms.name })
        .from(shifts)
        .leftJoin(associations, eq(associations.id, shifts.associationId))
        .innerJoin(stations, eq(stations.id, shifts.stationId))
        .innerJoin(rooms, eq(rooms.id, shifts.roomId))
        .orderBy(asc(shifts.startedAt), asc(shifts.id))
        .all(),
  };
}

export type ShiftsRepo = ReturnType<typeof createShiftsRepo>;

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    name: row.name,
    association: row.associationId === null ? null : { id: row.associationId, name: row.associationName ?? '' },
    languages: row.languages,
    startedAt: new Date(row.startedAt).toISOString(),
    endedAt: row.endedAt === null ? null : new Date(row.endedAt).toISOString(),
    endReason: row.endReason,
    attempts: row.attempts,
    answered: row.answered,
    conversations: row.conversations,
  };
}

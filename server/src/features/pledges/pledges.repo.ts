import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { zPledgeProgress } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { bookings, callingSessions, pledges } from '../../db/schema.ts';

export type PledgeProgress = z.infer<typeof zPledgeProgress>;

const COLUMNS = {
  id: pledges.id,
  name: pledges.name,
  associationId: pledges.associationId,
  volunteerId: pledges.volunteerId,
  shifts: pledges.shifts,
  by: pledges.by,
};
type PledgeRow = Pick<typeof pledges.$inferSelect, keyof typeof COLUMNS>;

/**
 * Pledges ("X shifts before election day") and how far each has come. A pledge counts sessions
 * attended (checked in), not bookings: `attended` counts bookings marked attended in sessions
 * starting before `by` (its local midnight on the campaign's clock), `booked` those still ahead.
 */
export function createPledgesRepo(db: Db, timeZone: string) {
  const deadline = (by: string) => DateTime.fromISO(by, { zone: timeZone }).startOf('day').toMillis();

  const counts = (volunteerId: number, before: number) =>
    db
      .select({
        attended: sql<number>`count(*) FILTER (WHERE ${bookings.status} = 'attended')`,
        booked: sql<number>`count(*) FILTER (WHERE ${bookings.status} = 'booked')`,
      })
      .from(bookings)
      .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
      .where(and(eq(bookings.volunteerId, volunteerId), lt(callingSessions.startsAt, before), isNull(callingSessions.cancelledAt)))
      .get()!;

  function progress(row: PledgeRow): PledgeProgress {
    const counted = row.volunteerId === null ? { attended: 0, booked: 0 } : counts(row.volunteerId, deadline(row.by));
    return { id: row.id, name: row.name, associationId: row.associationId, shifts: row.shifts, by: row.by, ...counted };
  }

  const select = () => db.select(COLUMNS).from(pledges);

  return {
    create(pledge: Omit<PledgeRow, 'id'> & { createdBy: string }, now: number): PledgeProgress {
      const { id } = db.insert(pledges).values({ ...pledge, createdAt: now }).returning({ id: pledges.id }).get();
      return progress({ id, ...pledge });
    },
    /** Every pledge, or one association's. */
    list: (associationId?: number) =>
      (associationId === undefined ? select() : select().where(eq(pledges.associationId, associationId))).orderBy(asc(pledges.id)).all().map(progress),
    ofVolunteer: (volunteerId: number) => select().where(eq(pledges.volunteerId, volunteerId)).orderBy(asc(pledges.id)).all().map(progress),
  };
}

export type PledgesRepo = ReturnType<typeof createPledgesRepo>;

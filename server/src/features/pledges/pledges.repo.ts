import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { zPledgeProgress } from '@ringstuga/shared';
import { bookings, callingSessions, pledges } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

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
 * Each runs in the caller's store work.
 */
export function createPledgesRepo(timeZone: string) {
  const deadline = (by: string) => DateTime.fromISO(by, { zone: timeZone }).startOf('day').toMillis();

  const counts = async (q: Tx, volunteerId: number, before: number) =>
    first(
      await q.db
        .select({
          attended: sql<number>`count(*) FILTER (WHERE ${bookings.status} = 'attended')`.mapWith(Number),
          booked: sql<number>`count(*) FILTER (WHERE ${bookings.status} = 'booked')`.mapWith(Number),
        })
        .from(bookings)
        .innerJoin(callingSessions, eq(callingSessions.id, bookings.sessionId))
        .where(and(eq(bookings.volunteerId, volunteerId), lt(callingSessions.startsAt, before), isNull(callingSessions.cancelledAt))),
    )!;

  async function progress(q: Tx, row: PledgeRow): Promise<PledgeProgress> {
    const counted = row.volunteerId === null ? { attended: 0, booked: 0 } : await counts(q, row.volunteerId, deadline(row.by));
    return { id: row.id, name: row.name, associationId: row.associationId, shifts: row.shifts, by: row.by, ...counted };
  }

  async function progressOf(q: Tx, rows: PledgeRow[]): Promise<PledgeProgress[]> {
    const progresses: PledgeProgress[] = [];
    for (const row of rows) progresses.push(await progress(q, row));
    return progresses;
  }

  const select = (q: Tx) => q.db.select(COLUMNS).from(pledges);

  return {
    /** The instant a pledge's date begins on the campaign's clock: what counts for it starts before this. */
    deadline,
    async create(q: Tx, pledge: Omit<PledgeRow, 'id'> & { createdBy: string }, now: number): Promise<PledgeProgress> {
      const [row] = await q.db.insert(pledges).values({ ...pledge, createdAt: now }).returning({ id: pledges.id });
      return progress(q, { id: row!.id, ...pledge });
    },
    /** Every pledge, or one association's. */
    list: async (q: Tx, associationId?: number) =>
      progressOf(q, await (associationId === undefined ? select(q) : select(q).where(eq(pledges.associationId, associationId))).orderBy(asc(pledges.id))),
    ofVolunteer: async (q: Tx, volunteerId: number) => progressOf(q, await select(q).where(eq(pledges.volunteerId, volunteerId)).orderBy(asc(pledges.id))),
  };
}

export type PledgesRepo = ReturnType<typeof createPledgesRepo>;

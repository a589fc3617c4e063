import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { zPledgeProgress } from '@ringstuga/shared';

export type PledgeProgress = z.infer<typeof zPledgeProgress>;

interface PledgeRow {
  id: number;
  name: string;
  associationId: number;
  volunteerId: number | null;
  shifts: number;
  by: string;
}

const COLUMNS = 'id, name, association_id AS associationId, volunteer_id AS volunteerId, shifts, by';

/**
 * Pledges ("X shifts before election day") and how far each has come. A pledge counts sessions
 * attended (checked in), not bookings: `attended` counts bookings marked attended in sessions
 * starting before `by` (its local midnight on the campaign's clock), `booked` those still ahead.
 */
export function createPledgesRepo(sqlite: Database, timeZone: string) {
  const insert = sqlite.prepare(
    'INSERT INTO pledges (association_id, volunteer_id, name, shifts, by, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const all = sqlite.prepare(`SELECT ${COLUMNS} FROM pledges ORDER BY id`);
  const ofAssociation = sqlite.prepare(`SELECT ${COLUMNS} FROM pledges WHERE association_id = ? ORDER BY id`);
  const ofVolunteer = sqlite.prepare(`SELECT ${COLUMNS} FROM pledges WHERE volunteer_id = ? ORDER BY id`);
  const counts = sqlite.prepare(
    `SELECT count(*) FILTER (WHERE b.status = 'attended') AS attended, count(*) FILTER (WHERE b.status = 'booked') AS booked
     FROM bookings b JOIN calling_sessions s ON s.id = b.session_id
     WHERE b.volunteer_id = ? AND s.starts_at < ? AND s.cancelled_at IS NULL`,
  );

  const deadline = (by: string) => DateTime.fromISO(by, { zone: timeZone }).startOf('day').toMillis();

  function progress(row: PledgeRow): PledgeProgress {
    const counted =
      row.volunteerId === null ? { attended: 0, booked: 0 } : (counts.get(row.volunteerId, deadline(row.by)) as { attended: number; booked: number });
    return { id: row.id, name: row.name, associationId: row.associationId, shifts: row.shifts, by: row.by, ...counted };
  }

  return {
    create(pledge: Omit<PledgeRow, 'id'> & { createdBy: string }, now: number): PledgeProgress {
      const id = Number(insert.run(pledge.associationId, pledge.volunteerId, pledge.name, pledge.shifts, pledge.by, pledge.createdBy, now).lastInsertRowid);
      return progress({ id, ...pledge });
    },
    /** Every pledge, or one association's. */
    list: (associationId?: number) => ((associationId === undefined ? all.all() : ofAssociation.all(associationId)) as PledgeRow[]).map(progress),
    ofVolunteer: (volunteerId: number) => (ofVolunteer.all(volunteerId) as PledgeRow[]).map(progress),
  };
}

export type PledgesRepo = ReturnType<typeof createPledgesRepo>;

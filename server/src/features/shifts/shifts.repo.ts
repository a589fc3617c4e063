import type { Database } from 'better-sqlite3';
import type { Shift } from '@ringstuga/shared';

export interface ShiftRow {
  id: number;
  station_id: number;
  room_id: number;
  name: string;
  association_id: number | null;
  association_name: string | null;
  languages: string;
  started_at: number;
  ended_at: number | null;
  end_reason: Shift['endReason'];
  last_activity_at: number;
  attempts: number;
  answered: number;
  conversations: number;
}

const SHIFT_COLUMNS = `s.*, a.name AS association_name FROM shifts s LEFT JOIN associations a ON a.id = s.association_id`;

/** Queries for check-in, check-out and the idle sweep. */
export function createShiftsRepo(sqlite: Database) {
  const open = sqlite.prepare(`SELECT ${SHIFT_COLUMNS} WHERE s.station_id = ? AND s.ended_at IS NULL`);
  const latest = sqlite.prepare(`SELECT ${SHIFT_COLUMNS} WHERE s.station_id = ? ORDER BY s.id DESC LIMIT 1`);
  const byId = sqlite.prepare(`SELECT ${SHIFT_COLUMNS} WHERE s.id = ?`);
  const insert = sqlite.prepare(
    `INSERT INTO shifts (station_id, room_id, name, association_id, languages, started_at, last_activity_at)
     SELECT id, room_id, @name, @associationId, @languages, @now, @now FROM stations WHERE id = @stationId`,
  );
  const close = sqlite.prepare(`UPDATE shifts SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL`);
  // Idle: no act of the volunteer's and no waiting station asking for a while, and no contact held
  // within its lease (a call under way is not idling; a lapsed lease is nobody's call).
  const idle = sqlite.prepare(
    `SELECT s.id, s.station_id, s.room_id, MAX(s.last_activity_at, coalesce(s.last_seen_at, 0)) AS last_present_at
     FROM shifts s
     WHERE s.ended_at IS NULL AND MAX(s.last_activity_at, coalesce(s.last_seen_at, 0)) <= @before
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.station_id = s.station_id AND a.status = 'active' AND a.expires_at > @now)`,
  );
  const associationExists = sqlite.prepare('SELECT 1 FROM associations WHERE id = ?');
  const all = sqlite.prepare(
    `SELECT ${SHIFT_COLUMNS.replace('FROM shifts s', ', st.number AS station_number, r.name AS room_name FROM shifts s')}
     JOIN stations st ON st.id = s.station_id JOIN rooms r ON r.id = s.room_id
     ORDER BY s.started_at, s.id`,
  );

  return {
    open: (stationId: number) => open.get(stationId) as ShiftRow | undefined,
    latest: (stationId: number) => latest.get(stationId) as ShiftRow | undefined,
    byId: (id: number) => byId.get(id) as ShiftRow | undefined,
    insert: (shift: { stationId: number; name: string; associationId: number | null; languages: string[]; now: number }) =>
      Number(insert.run({ ...shift, languages: JSON.stringify(shift.languages) }).lastInsertRowid),
    close: (id: number, endedAt: number, reason: NonNullable<Shift['endReason']>) => void close.run(endedAt, reason, id),
    idleSince: (before: number, now: number) =>
      idle.all({ before, now }) as { id: number; station_id: number; room_id: number; last_present_at: number }[],
    associationExists: (id: number) => associationExists.get(id) !== undefined,
    all: () => all.all() as (ShiftRow & { station_number: number; room_name: string })[],
  };
}

export type ShiftsRepo = ReturnType<typeof createShiftsRepo>;

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    name: row.name,
    association: row.association_id === null ? null : { id: row.association_id, name: row.association_name ?? '' },
    languages: JSON.parse(row.languages) as string[],
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
    endReason: row.end_reason,
    attempts: row.attempts,
    answered: row.answered,
    conversations: row.conversations,
  };
}

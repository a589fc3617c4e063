import type { Database } from 'better-sqlite3';
import type { Flag, StationTile } from '@ringstuga/shared';
import type { StationPaceFlags } from '../calling/hand-out-limit.ts';

// What the call leader's board shows of each station and the open flags. A station has at most
// one open shift and one active assignment (unique partial indexes), so the joins keep one row per station.

interface TileRow {
  id: number;
  number: number;
  name: string;
  list_id: number | null;
  remote: number;
  shift_id: number | null;
  shift_name: string | null;
  association_id: number | null;
  association_name: string | null;
  languages: string | null;
  started_at: number | null;
  last_activity_at: number | null;
  attempts: number | null;
  answered: number | null;
  conversations: number | null;
  call_started_at: number | null;
}

interface FlagRow {
  id: number;
  message: string;
  created_at: number;
  station_id: number;
  station_number: number;
  station_name: string;
  volunteer: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function shiftOf(row: TileRow): StationTile['shift'] {
  if (row.shift_id === null || row.started_at === null) return null;
  return {
    id: row.shift_id,
    name: row.shift_name ?? '',
    association: row.association_id === null ? null : { id: row.association_id, name: row.association_name ?? '' },
    languages: JSON.parse(row.languages ?? '[]') as string[],
    startedAt: iso(row.started_at),
    endedAt: null,
    endReason: null,
    attempts: row.attempts ?? 0,
    answered: row.answered ?? 0,
    conversations: row.conversations ?? 0,
  };
}

/** `paceFlags`: what the calling service knows of a station's pace (kept in memory, not in the database). */
export function createRoomBoardRepo(sqlite: Database, options: { paceFlags(stationId: number, shiftId: number | null): StationPaceFlags }) {
  const tiles = sqlite.prepare(
    `SELECT s.id, s.number, s.name, s.list_id, s.remote,
            sh.id AS shift_id, sh.name AS shift_name, sh.association_id, a.name AS association_name, sh.languages,
            sh.started_at, sh.last_activity_at, sh.attempts, sh.answered, sh.conversations,
            asg.created_at AS call_started_at
     FROM stations s
     LEFT JOIN shifts sh ON sh.station_id = s.id AND sh.ended_at IS NULL
     LEFT JOIN associations a ON a.id = sh.association_id
     LEFT JOIN assignments asg ON asg.station_id = s.id AND asg.status = 'active'
     WHERE s.room_id = ?
     ORDER BY s.number`,
  );
  const openFlags = sqlite.prepare(
    `SELECT f.id, f.message, f.created_at, s.id AS station_id, s.number AS station_number, s.name AS station_name,
            sh.name AS volunteer
     FROM flags f
     JOIN stations s ON s.id = f.station_id
     LEFT JOIN shifts sh ON sh.id = f.shift_id
     WHERE f.room_id = ? AND f.handled_at IS NULL
     ORDER BY f.created_at DESC, f.id DESC`,
  );
  const room = sqlite.prepare('SELECT id, name FROM rooms WHERE id = ?');

  return {
    /** Every station in the room by number; `online` comes from the sockets, which this module never sees. */
    tiles(roomId: number, online: (stationId: number) => boolean): StationTile[] {
      return (tiles.all(roomId) as TileRow[]).map((row) => {
        const moments = [row.last_activity_at, row.call_started_at].filter((ms): ms is number => ms !== null);
        return {
          id: row.id,
          number: row.number,
          name: row.name,
          online: online(row.id),
          remote: row.remote === 1,
          fixedListId: row.list_id,
          shift: shiftOf(row),
          callStartedAt: row.call_started_at === null ? null : iso(row.call_started_at),
          lastActivityAt: moments.length === 0 ? null : iso(Math.max(...moments)),
          ...options.paceFlags(row.id, row.shift_id),
        };
      });
    },
    /** Unhandled flags, newest first. */
    openFlags(roomId: number): Flag[] {
      return (openFlags.all(roomId) as FlagRow[]).map((row) => ({
        id: row.id,
        station: { id: row.station_id, number: row.station_number, name: row.station_name },
        volunteer: row.volunteer,
        message: row.message,
        createdAt: iso(row.created_at),
      }));
    },
    room: (roomId: number) => room.get(roomId) as { id: number; name: string } | undefined,
  };
}

export type RoomBoardRepo = ReturnType<typeof createRoomBoardRepo>;

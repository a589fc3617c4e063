import type { Database } from 'better-sqlite3';
import type { RoomSummary } from '@ringstuga/shared';
import { hashToken, stationToken } from '../auth/tokens.ts';
import { tokenKey } from '../auth/token-key.ts';
import type { Db } from '../../db/open.ts';

export function createRoomsRepo(sqlite: Database) {
  const all = sqlite.prepare(
    `SELECT r.id, r.name, (SELECT count(*) FROM stations s WHERE s.room_id = r.id) AS stations
     FROM rooms r ORDER BY r.id`,
  );
  const byId = sqlite.prepare('SELECT id, name FROM rooms WHERE id = ?');
  const byName = sqlite.prepare('SELECT id FROM rooms WHERE name = ?');
  const insert = sqlite.prepare('INSERT INTO rooms (name, created_at) VALUES (?, ?)');
  const rename = sqlite.prepare('UPDATE rooms SET name = ? WHERE id = ?');
  return {
    all: () => all.all() as RoomSummary[],
    find: (id: number) => byId.get(id) as { id: number; name: string } | undefined,
    /** The new room's id, or null when the name is taken. */
    create(name: string, now: number): number | null {
      if (byName.get(name)) return null;
      return Number(insert.run(name, now).lastInsertRowid);
    },
    rename: (id: number, name: string) => void rename.run(name, id),
  };
}

export type RoomsRepo = ReturnType<typeof createRoomsRepo>;

/** Adds `count` stations to a room, numbered on from the highest number in use; returns their numbers. */
export function addStations(db: Db, roomId: number, count: number, now: number): number[] {
  const key = tokenKey(db);
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    'INSERT INTO stations (number, name, token_hash, room_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return sqlite.transaction(() => {
    const highest = (sqlite.prepare('SELECT coalesce(max(number), 0) AS n FROM stations').get() as { n: number }).n;
    return Array.from({ length: count }, (_, index) => {
      const number = highest + index + 1;
      insert.run(number, `Station ${number}`, hashToken(stationToken(key, number)), roomId, now);
      return number;
    });
  })();
}

import type { Database } from 'better-sqlite3';

export interface PairingRow {
  id: number;
  station_id: number;
  shift_id: number;
  expires_at: number;
  /** The device that claimed the pairing at its first connect, or null before that. */
  device: string | null;
}

/** Phone pairings: stored by the token's hash, each for one station and one shift. */
export function createPairingsRepo(sqlite: Database) {
  const s = {
    openShift: sqlite.prepare('SELECT id FROM shifts WHERE station_id = ? AND ended_at IS NULL'),
    endAll: sqlite.prepare('UPDATE phone_pairings SET ended_at = ? WHERE station_id = ? AND ended_at IS NULL'),
    insert: sqlite.prepare(
      'INSERT INTO phone_pairings (station_id, shift_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    // Valid while not ended, not expired, and its shift is still the station's open one (in the shift's room).
    valid: sqlite.prepare(
      `SELECT p.id, p.station_id, p.shift_id, p.expires_at, p.device, s.room_id FROM phone_pairings p
       JOIN shifts s ON s.id = p.shift_id AND s.ended_at IS NULL
       WHERE p.token_hash = ? AND p.ended_at IS NULL AND p.expires_at > ?`,
    ),
    current: sqlite.prepare(
      `SELECT p.id, p.station_id, p.shift_id, p.expires_at, p.device FROM phone_pairings p
       JOIN shifts s ON s.id = p.shift_id AND s.ended_at IS NULL
       WHERE p.station_id = ? AND p.ended_at IS NULL AND p.expires_at > ?`,
    ),
    claim: sqlite.prepare('UPDATE phone_pairings SET device = ? WHERE id = ? AND device IS NULL'),
    // A pairing outlives neither its shift nor its expiry.
    endStale: sqlite.prepare(
      `UPDATE phone_pairings SET ended_at = @now
       WHERE station_id = @stationId AND ended_at IS NULL
         AND (expires_at <= @now OR shift_id NOT IN (SELECT id FROM shifts WHERE station_id = @stationId AND ended_at IS NULL))`,
    ),
  };
  return {
    /** Ends the station's previous pairing and makes one for its open shift; undefined when nobody is checked in. */
    create(stationId: number, tokenHash: string, now: number, ttlMs: number): PairingRow | undefined {
      return sqlite
        .transaction(() => {
          const shift = s.openShift.get(stationId) as { id: number } | undefined;
          if (!shift) return undefined;
          s.endAll.run(now, stationId);
          const id = Number(s.insert.run(stationId, shift.id, tokenHash, now, now + ttlMs).lastInsertRowid);
          return { id, station_id: stationId, shift_id: shift.id, expires_at: now + ttlMs, device: null };
        })
        .immediate();
    },
    endAll: (stationId: number, now: number) => s.endAll.run(now, stationId).changes,
    endStale: (stationId: number, now: number) => s.endStale.run({ stationId, now }).changes,
    /** The first device to connect takes the pairing; false if another device already has. */
    claim: (pairing: PairingRow, device: string): boolean =>
      pairing.device === null ? s.claim.run(device, pairing.id).changes === 1 : pairing.device === device,
    valid: (tokenHash: string, now: number) => s.valid.get(tokenHash, now) as (PairingRow & { room_id: number }) | undefined,
    current: (stationId: number, now: number) => s.current.get(stationId, now) as PairingRow | undefined,
  };
}

export type PairingsRepo = ReturnType<typeof createPairingsRepo>;

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { settlesWithin } from '../db/pg/connection-limits.ts';
import type { Store, Tx } from '../db/store/store.ts';

/** Which connections presence counts: a station's pages, and the phones following a station. */
export type PresenceKind = 'station' | 'phone';

/** Who is connected, whichever node they are on. */
export interface Presence {
  /** Which of these stations have a page open. */
  online(q: Tx, stationIds: readonly number[]): Promise<ReadonlySet<number>>;
  /** Whether a phone page following this station is open. */
  phoneConnected(q: Tx, stationId: number): Promise<boolean>;
  /** Station connections, all nodes together. */
  stationsConnected(): Promise<number>;
}

/** A node's heartbeat: written this often, and a node is dead after DEAD_AFTER_S without one. */
export const HEARTBEAT_MS = 5000;
const DEAD_AFTER_S = 15;
/** How long a stopping node tries to remove its rows at once. */
const LEAVE_MS = 3000;
/** A dead node's rows are removed after this long (by whichever node beats next). */
const FORGET_AFTER_S = 60;

/** A change the other nodes' boards must see: presence written, so their readers see it. */
export interface PresenceWritten {
  /** Rooms whose stations connected or left. */
  rooms: number[];
  /** Stations whose phone connected or left. */
  phoneStations: number[];
}

interface Entry {
  kind: PresenceKind;
  stationId: number;
  roomId: number;
}

const LIVE_NODE = sql.raw(`n.seen_at > now() - interval '${DEAD_AFTER_S} seconds'`);

/**
 * Presence on PostgreSQL, for several nodes: each node counts its own connections in memory and
 * writes them to `realtime_presence` (one row per node, kind and station), with a heartbeat in
 * `realtime_nodes`. Readers count only nodes that beat recently, so a node killed with its
 * connections open stops counting after DEAD_AFTER_S, and its rows go after FORGET_AFTER_S. Times
 * are the database's clock: nodes' clocks may differ (and tests move the app's).
 *
 * Writes are coalesced (one in flight; what changes meanwhile goes in the next), and `written`
 * is told after each commit, so a board read after it sees the connection.
 */
export function createSharedPresence(store: Store, written: (change: PresenceWritten) => void, onError: (error: unknown) => void) {
  const nodeId = randomUUID();
  const counts = new Map<string, Entry & { connections: number }>();
  let dirty = new Map<string, Entry>();
  let flushing: Promise<void> | undefined;
  let stopped = false;

  const beat = (q: Tx) =>
    q.value<boolean>(sql`INSERT INTO realtime_nodes (node_id) VALUES (${nodeId})
      ON CONFLICT (node_id) DO UPDATE SET seen_at = now() RETURNING (xmax = 0) AS inserted`);

  const flushOnce = async (): Promise<void> => {
    const batch = dirty;
    dirty = new Map();
    const rows = [...batch.entries()].map(([key, entry]) => ({ kind: entry.kind, station: entry.stationId, n: counts.get(key)?.connections ?? 0 }));
    await store.write(async (q) => {
      await beat(q);
      const json = JSON.stringify(rows);
      await q.run(sql`INSERT INTO realtime_presence (node_id, kind, station_id, connections)
        SELECT ${nodeId}, e.kind, e.station, e.n FROM json_to_recordset(${json}::json) AS e(kind text, station int, n int) WHERE e.n > 0
        ON CONFLICT (node_id, kind, station_id) DO UPDATE SET connections = excluded.connections`);
      await q.run(sql`DELETE FROM realtime_presence p USING json_to_recordset(${json}::json) AS e(kind text, station int, n int)
        WHERE e.n = 0 AND p.node_id = ${nodeId} AND p.kind = e.kind AND p.station_id = e.station`);
    });
    const entries = [...batch.values()];
    written({
      rooms: [...new Set(entries.filter((entry) => entry.kind === 'station').map((entry) => entry.roomId))],
      phoneStations: [...new Set(entries.filter((entry) => entry.kind === 'phone').map((entry) => entry.stationId))],
    });
  };

  const flush = (): Promise<void> => {
    if (flushing || dirty.size === 0 || stopped) return flushing ?? Promise.resolve();
    const run = async () => {
      try {
        while (dirty.size > 0 && !stopped) await flushOnce();
      } catch (error) {
        onError(error);
      }
    };
    // Set before it can end (it always awaits a write first), cleared when it has.
    flushing = run().finally(() => (flushing = undefined));
    return flushing;
  };

  const heartbeat = async () => {
    try {
      const inserted = await store.write(async (q) => {
        const made = await beat(q);
        await q.run(sql.raw(`DELETE FROM realtime_nodes WHERE seen_at < now() - interval '${FORGET_AFTER_S} seconds'`));
        return made;
      });
      // Another node took this one for dead and removed its rows (a long pause): write them all again.
      if (inserted) {
        for (const [key, entry] of counts) dirty.set(key, entry);
        void flush();
      }
    } catch (error) {
      onError(error);
    }
  };
  const timer = setInterval(() => void heartbeat(), HEARTBEAT_MS);
  timer.unref();

  const presence: Presence = {
    async online(q, stationIds) {
      if (stationIds.length === 0) return new Set();
      const rows = await q.all<{ station_id: number }>(sql`SELECT DISTINCT p.station_id FROM realtime_presence p JOIN realtime_nodes n ON n.node_id = p.node_id
        WHERE p.kind = 'station' AND p.connections > 0 AND ${LIVE_NODE}
          AND p.station_id IN (SELECT value::int FROM json_array_elements_text(${JSON.stringify(stationIds)}::json))`);
      return new Set(rows.map((row) => row.station_id));
    },
    async phoneConnected(q, stationId) {
      const found = await q.value<number>(sql`SELECT 1 FROM realtime_presence p JOIN realtime_nodes n ON n.node_id = p.node_id
        WHERE p.kind = 'phone' AND p.station_id = ${stationId} AND p.connections > 0 AND ${LIVE_NODE} LIMIT 1`);
      return found !== undefined;
    },
    // This node's connections written first: a count read just after a station joined here includes it.
    stationsConnected: async () => {
      await flush();
      return store.read(async (q) =>
        Number(
          (await q.value<number>(sql`SELECT COALESCE(SUM(p.connections), 0) FROM realtime_presence p JOIN realtime_nodes n ON n.node_id = p.node_id
            WHERE p.kind = 'station' AND ${LIVE_NODE}`)) ?? 0,
        ),
      );
    },
  };

  return {
    nodeId,
    presence,
    /** A connection of `kind` for `stationId` (in `roomId`) opened (+1) or closed (−1) on this node. */
    changed(entry: Entry, delta: 1 | -1): void {
      const key = `${entry.kind}:${entry.stationId}`;
      const connections = (counts.get(key)?.connections ?? 0) + delta;
      if (connections > 0) counts.set(key, { ...entry, connections });
      else counts.delete(key);
      dirty.set(key, entry);
      void flush();
    },
    /** Writes the heartbeat (at start, before any connection). */
    start: heartbeat,
    /** This node leaves: its rows go at once, not after FORGET_AFTER_S. */
    async stop(): Promise<void> {
      clearInterval(timer);
      stopped = true;
      const leaving = (async () => {
        await flushing;
        await store.write((q) => q.run(sql`DELETE FROM realtime_nodes WHERE node_id = ${nodeId}`)).catch(onError);
      })();
      // Best effort: a node that cannot reach the database (a silent network) does not wait for
      // it to close; its rows stop counting after DEAD_AFTER_S and go after FORGET_AFTER_S.
      await settlesWithin(leaving, LEAVE_MS);
    },
  };
}

export type SharedPresence = ReturnType<typeof createSharedPresence>;

import pg from 'pg';
import { connectionLimits, endConnection } from '../db/pg/connection-limits.ts';

/** The advisory lock key of the leaderboard clock ("Lead" in ASCII); other keys: db/pg/migrate.ts. */
export const LEADERBOARD_LOCK_KEY = 0x4c656164;
/** The clock connection's application_name, then the node's id: which node holds it shows in pg_stat_activity. */
export const LEADERBOARD_CLOCK_APPLICATION = 'ringstuga-clock-';
/** How often a node without the clock tries to take it (and the holder checks it still has it). */
const TRY_MS = 2000;

/**
 * One node at a time holds the leaderboard's push clock: a session-level advisory lock on a
 * connection of its own. When the holder dies its connection closes, PostgreSQL releases the
 * lock, and another node takes it at its next try (within TRY_MS). A holder that loses its
 * connection stops holding at once, before any other node can have taken it.
 */
export function createLeaderboardClock(
  connectionString: string,
  nodeId: string,
  events: { taken(): void; onError(error: unknown): void },
) {
  let client: pg.Client | undefined;
  let holding = false;
  let stopped = false;
  let running: Promise<void> | undefined;

  const drop = (current: pg.Client) => {
    if (client !== current) return;
    client = undefined;
    holding = false;
    void current.end().catch(() => undefined);
  };

  const connect = async (): Promise<pg.Client> => {
    // With the pools' timeouts: a try on a silent network fails, and the next one connects again.
    const made = new pg.Client({ connectionString, ...connectionLimits, application_name: `${LEADERBOARD_CLOCK_APPLICATION}${nodeId}` });
    made.on('error', (error) => {
      if (!stopped) events.onError(error);
      drop(made);
    });
    await made.connect();
    return made;
  };

  const attempt = async () => {
    let current: pg.Client | undefined;
    try {
      current = client ??= await connect();
      if (holding) {
        // Still connected, so still holding: a broken connection answers with an error here.
        await current.query('SELECT 1');
      } else {
        const { rows } = await current.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [LEADERBOARD_LOCK_KEY]);
        if (rows[0]?.taken && !stopped) {
          holding = true;
          events.taken();
        }
      }
    } catch (error) {
      // A try failing because the node stops (its connection ended under it) is no news.
      if (!stopped) events.onError(error);
      if (current) drop(current);
    }
  };
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= attempt().finally(() => (running = undefined));
    return running;
  };
  let timer: NodeJS.Timeout | undefined;

  return {
    holds: () => holding,
    /**
     * The first try, then one every TRY_MS. Only once the app is ready: the holder reads the
     * leaderboard at once, from sources the features provide while they load.
     */
    start(): Promise<void> {
      if (!timer && !stopped) {
        timer = setInterval(() => void tick(), TRY_MS);
        timer.unref();
      }
      return tick();
    },
    /** Ends the connection, which releases the lock for another node. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      holding = false;
      // Ended before the try in flight is awaited: one waiting on a silent network fails at once.
      const current = client;
      client = undefined;
      const ending = current && endConnection(current);
      await running;
      await ending;
      // A connection the try was still opening when the node stopped.
      const late = client;
      client = undefined;
      if (late) await endConnection(late);
    },
  };
}

export type LeaderboardClock = ReturnType<typeof createLeaderboardClock>;

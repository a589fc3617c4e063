import pg from 'pg';

/**
 * How long a node waits on PostgreSQL before it takes the database for lost. Without these, a
 * network that drops packets silently (no reset: a cut cable, a lost route, a firewall's state
 * table cleared) leaves every query, every new connection and every goodbye waiting forever: the
 * health check never answers and the node never finishes closing.
 *
 * Fixed, not settings: each is far above what a working database needs (a statement here takes
 * milliseconds; the slowest, VACUUM, has its own) and far below what a container's stop waits.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Client-side: the answer to one statement. A lock wait under heavy load stays well below it. */
export const QUERY_TIMEOUT_MS = 30_000;
/** TCP keepalive probes start after this long idle, so a dead peer is found without a query. */
export const KEEPALIVE_IDLE_MS = 10_000;
/** At close: how long a connection may take to say goodbye before its socket is simply destroyed. */
export const GOODBYE_MS = 1_000;

/** Options for every connection a node makes (pools, the leaderboard clock's, the session locks'). */
export const connectionLimits = {
  keepAlive: true,
  keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  query_timeout: QUERY_TIMEOUT_MS,
} as const satisfies pg.ClientConfig;

/** Whether `promise` settles within `ms` (it is left running either way). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends a connection. A graceful end waits for the server's side to close, which never comes over
 * a silent network: after GOODBYE_MS the socket is destroyed instead.
 */
export async function endConnection(client: pg.Client): Promise<void> {
  const ended = client.end().catch(() => undefined);
  if (await settlesWithin(ended, GOODBYE_MS)) return;
  client.connection.stream.destroy();
  await ended;
}

// Every connection a pool made and has not yet finished ending (pool 'remove' comes after its end).
const poolConnections = new WeakMap<pg.Pool, Set<pg.PoolClient>>();

/** Makes `endPool` possible: call once, right after the pool is made. */
export function trackConnections(pool: pg.Pool): void {
  const connections = new Set<pg.PoolClient>();
  poolConnections.set(pool, connections);
  pool.on('connect', (client) => connections.add(client));
  pool.on('remove', (client) => connections.delete(client as pg.PoolClient));
}

/**
 * Ends a pool. `pool.end()` waits for every connection still checked out (a query that will never
 * be answered), and the idle ones it ends in the background wait for a goodbye: whatever has not
 * finished after GOODBYE_MS is destroyed, which fails its query and lets the pool end.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  const connections = poolConnections.get(pool) ?? new Set<pg.PoolClient>();
  const allGone = new Promise<void>((resolve) => {
    const check = () => {
      if (connections.size > 0) return;
      pool.off('remove', check);
      resolve();
    };
    pool.on('remove', check);
    check();
  });
  const ended = pool.end();
  if (await settlesWithin(Promise.all([ended, allGone]), GOODBYE_MS)) return;
  for (const client of connections) client.connection.stream.destroy();
  await ended;
}

/**
 * Whether a statement got no answer within QUERY_TIMEOUT_MS (pg 8's own error, by its message).
 * Its connection still waits for that answer: it must not be reused or asked anything more.
 * Any other failure leaves the connection usable, or pg-pool drops it by itself (not queryable).
 */
export const timedOut = (error: unknown): boolean => error instanceof Error && error.message === 'Query read timeout';

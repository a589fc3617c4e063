/**
 * At most `limit` pieces of work at once; the rest wait here, in order of arrival. On PostgreSQL
 * every claim waits for one lock across all nodes, and a claim waiting there holds a pooled
 * connection: without a gate, a node's claims fill its pool and its outcomes and card reads (which
 * need no claim lock) queue behind them for a connection. More claims at once per node gain nothing,
 * since the lock lets one through at a time.
 */
export function createGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running < limit) running += 1;
    // A finishing piece hands its place straight to the next in line, so `running` stays as it is.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

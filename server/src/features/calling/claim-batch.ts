/**
 * Claims batched while others run: at most `limit` batches at once (each holds a pooled connection
 * waiting for the one claim lock); whatever arrives meanwhile waits and goes in the next batch,
 * up to `size` together. A claim that finds nothing running goes at once, alone: no timer, so a
 * quiet room waits for nothing, and a busy one shares each hold of the lock among many claims.
 * A batch that fails is run again one claim at a time, so one claim's error stays its own.
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, options: { limit: number; size: number }): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let running = 0;

  const settle = async (batch: Waiting[]): Promise<void> => {
    try {
      const results = await run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, n) => waiting.resolve(results[n]!));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const waiting of batch) await settle([waiting]);
    }
  };

  const pump = (): void => {
    while (running < options.limit && queue.length > 0) {
      running += 1;
      void settle(queue.splice(0, options.size)).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}

import type { Database } from 'better-sqlite3';

/** A write refused because the server is shutting down; nothing was written. */
export class ServerClosingError extends Error {
  constructor() {
    super('the server is shutting down');
  }
}

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. Writes that arrive in the same event-loop turn run in one SQLite transaction,
 * each in a savepoint of its own, and every caller hears back only once that transaction has
 * committed: an acknowledgement still means "saved". A commit costs about as much as all the
 * rest of a claim or an outcome (bench/), so under load this is the largest saving there is.
 * A write that throws is rolled back alone; a commit that fails fails the whole batch.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;

  constructor(private readonly sqlite: Database) {}

  /** Runs `work` (itself free to open a transaction: it becomes a savepoint) in the next batch. */
  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new ServerClosingError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // setImmediate, not a microtask: it runs after every socket read of this turn, so they batch.
      setImmediate(() => this.flush());
    });
  }

  /**
   * Shutdown: commits what is queued, then refuses every later write at once, so that each
   * request read from now on is answered ("try again") before the connections close, and no
   * write can commit after its station is gone.
   */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Commits what is queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.sqlite
        .transaction(() => {
          for (const item of batch) {
            try {
              outcomes.push({ ok: true, value: this.sqlite.transaction(item.work)() });
            } catch (error) {
              // Some errors (a full disk, I/O) make SQLite roll back the whole transaction:
              // the batch is lost, so every caller gets this error rather than a partial answer.
              if (!this.sqlite.inTransaction) throw error;
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

import type { Database, Statement } from 'better-sqlite3';

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

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit. Writes that arrive in the same event-loop turn run in one SQLite transaction,
 * each in a savepoint of its own, and every caller hears back only once that transaction has
 * committed: an acknowledgement still means "saved". A commit costs about as much as all the
 * rest of a claim or an outcome (bench/), so under load this is the largest saving there is.
 * A write that throws is rolled back alone; a commit that fails fails the whole batch.
 *
 * A write may be async, awaiting only the store's queries (which better-sqlite3 answers at once),
 * so a batch still runs to its commit without another task of the event loop in between.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackTo: Statement;

  constructor(private readonly sqlite: Database) {
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.rollback = sqlite.prepare('ROLLBACK');
    this.savepoint = sqlite.prepare('SAVEPOINT write');
    this.release = sqlite.prepare('RELEASE write');
    this.rollbackTo = sqlite.prepare('ROLLBACK TO write');
  }

  /** Runs `work` (itself free to open a transaction: it becomes a savepoint) in the next batch. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ServerClosingError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Shutdown: commits what is queued, then refuses every later write at once, so that each
   * request read from now on is answered ("try again") before the connections close, and no
   * write can commit after its station is gone.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Commits what is queued now (after the batch being written, if one is). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.flushing = this.write(batch);
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: it runs after every socket read of this turn, so they batch.
    setImmediate(() => void this.flush());
  }

  private async write(batch: Pending[]): Promise<void> {
    const settled: Settled[] = [];
    try {
      this.begin.run();
      for (const item of batch) settled.push(await this.attempt(item));
      this.commit.run();
    } catch (error) {
      // Some errors (a full disk, I/O) make SQLite roll back the whole transaction: the batch is
      // lost, so every caller gets this error rather than a partial answer.
      if (this.sqlite.inTransaction) this.rollback.run();
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = settled[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private async attempt(item: Pending): Promise<Settled> {
    this.savepoint.run();
    try {
      const result = item.work();
      const value = isPromise(result) ? await result : result;
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      if (!this.sqlite.inTransaction) throw error;
      this.rollbackTo.run();
      this.release.run();
      return { ok: false, error };
    }
  }
}

const isPromise = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown>)?.then === 'function';

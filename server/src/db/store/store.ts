import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../schema.ts';
import type { Statement, StatementParams } from './statement.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * drizzle's query builder over the tables of db/schema.ts, for the store in use. Both stores run
 * the same queries (db/pg-schema.ts describes the same tables, which a test checks), so the type
 * is one: an asynchronous SQLite database. Await a query (`await q.db.select()…`, giving rows);
 * never call `.all()`, `.get()`, `.run()` or `.values()` on it, which PostgreSQL's builder lacks
 * (the linter refuses them), and never open a transaction here: the store owns transactions.
 */
export type QueryDb = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** One piece of work's view of the database: inside a write's transaction, or a read's. */
export interface Tx {
  readonly dialect: Dialect;
  readonly db: QueryDb;
  /** Every row. */
  all<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R[]>;
  /** The first row, if any. */
  get<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R | undefined>;
  /** The first column of the first row, if any. */
  value<V>(query: Statement<StatementParams, unknown> | SQL<unknown>, params?: StatementParams): Promise<V | undefined>;
  /** Runs a statement, a `sql` query or a builder's insert/update/delete; returns how many rows it changed. */
  run(query: Statement | SQL<unknown> | PromiseLike<unknown>, params?: StatementParams): Promise<number>;
  /**
   * Holds `key` (or each of several keys) until this write's transaction ends, against every other
   * writer holding it (PostgreSQL's advisory lock; SQLite has one writer at a time, so nothing to do there).
   */
  lock(key: string | readonly string[]): Promise<void>;
  /**
   * Takes `key` until this write's transaction ends if no other writer holds it, without waiting:
   * false when another node has it (a periodic job then skips its round). Always true on SQLite.
   */
  tryLock(key: string): Promise<boolean>;
}

/**
 * The storage boundary. Every feature reads and writes through it, and the same code runs on
 * SQLite (embedded, the default) and PostgreSQL (several nodes).
 *
 * A `work` function must await only the `Tx` it is given: on SQLite a batch of writes runs inside
 * one transaction on one connection, and anything else awaited there would hold it open.
 */
export interface Store {
  readonly dialect: Dialect;
  /** Runs `work` as one atomic write; its result is returned once it is durable. */
  write<T>(work: (q: Tx) => Promise<T> | T): Promise<T>;
  /**
   * Runs one statement as one atomic write and returns its rows. On PostgreSQL without BEGIN and
   * COMMIT: the statement is its own transaction, one round trip, and a lock it takes (a
   * `lockedStatement`) is held for no round trip. On SQLite a write like any other.
   */
  writeOne<R>(query: Statement<StatementParams, R>, params?: StatementParams): Promise<R[]>;
  /** Runs `work`, which only reads. */
  read<T>(work: (q: Tx) => Promise<T> | T): Promise<T>;
  /**
   * After personal data was deleted from `tables`: removes what the store still keeps of the old
   * rows, as far as it can. SQLite zeroes freed pages (secure_delete) and here truncates the WAL
   * (`compact`: rebuilds the whole file); PostgreSQL VACUUMs the tables (`compact`: VACUUM FULL),
   * which makes the space reusable but promises nothing about the bytes (README: Privacy).
   * Outside any write.
   */
  scrub(tables: readonly string[], options?: { compact?: boolean }): Promise<void>;
  /**
   * Takes `key` for longer than one write (an import's whole run), or null at once if anyone holds
   * it, on any node. On PostgreSQL a session advisory lock on a connection of its own: a node that
   * dies loses its connection and with it the lock, so `q.tryLock(key)` tells a starting node
   * whether the work behind the key is still alive. On SQLite (one process) a key in memory.
   */
  hold(key: string): Promise<Held | null>;
  /**
   * Takes `key` shared with other sharers for longer than one write, waiting while a write holds it
   * alone (`q.tryLock`/`q.lock`): a write that gets it alone knows no sharer runs anywhere.
   * On SQLite (one process, one writer at a time) there is nothing to wait for.
   */
  share(key: string): Promise<Held>;
}

/** A key taken by `Store.hold`; `release` gives it back (once; later calls do nothing). */
export interface Held {
  release(): Promise<void>;
}

/** The first row of a query's rows (for `await q.db.select()…limit(1)`). */
export const first = <R>(rows: readonly R[]): R | undefined => rows[0];

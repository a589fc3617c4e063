import type { Database, Statement as Prepared } from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../open.ts';
import type { WriteBatcher } from '../write-batcher.ts';
import { changedRows } from './changed-rows.ts';
import { isSql, isStatement, type Statement, type StatementParams } from './statement.ts';
import type { Held, QueryDb, Store, Tx } from './store.ts';

/**
 * The embedded store: one better-sqlite3 connection. Writes go through the write batcher (group
 * commit: one transaction per event-loop turn, each write in a savepoint); reads run on the same
 * connection. Both finish within one turn of the event loop (better-sqlite3 is synchronous), so
 * no read sees another write half done.
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  private readonly tx: Tx;
  private readonly sqlite: Database;
  /** Keys `hold` gave out: one process is the only node. */
  private readonly held = new Set<string>();

  constructor(
    db: Db,
    private readonly batcher: WriteBatcher,
  ) {
    this.tx = new SqliteTx(db);
    this.sqlite = db.$client;
  }

  write<T>(work: (q: Tx) => Promise<T> | T): Promise<T> {
    return this.batcher.run(() => work(this.tx));
  }

  writeOne<R>(query: Statement<StatementParams, R>, params?: StatementParams): Promise<R[]> {
    return this.write((q) => q.all(query, params));
  }

  async read<T>(work: (q: Tx) => Promise<T> | T): Promise<T> {
    return work(this.tx);
  }

  async hold(key: string): Promise<Held | null> {
    if (this.held.has(key)) return null;
    this.held.add(key);
    return {
      release: async () => {
        this.held.delete(key);
      },
    };
  }

  async share(): Promise<Held> {
    return { release: async () => undefined };
  }

  async scrub(_tables: readonly string[], options: { compact?: boolean } = {}): Promise<void> {
    // Queued writes first: the checkpoint needs no transaction open on this connection.
    await this.batcher.flush();
    // VACUUM also drops what a file written before secure_delete was on still holds; it blocks the
    // server while it runs, which with the personal data gone is a moment.
    if (options.compact) this.sqlite.exec('VACUUM');
    // The WAL still holds the deleted rows' old pages until it is copied back and truncated.
    this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}

class SqliteTx implements Tx {
  readonly dialect = 'sqlite';
  readonly db: QueryDb;
  private readonly sqlite: Database;
  // Prepared once per connection (a statement object is shared by every store in the process).
  private readonly prepared = new WeakMap<Statement, Prepared>();

  constructor(private readonly drizzleDb: Db) {
    // The synchronous driver, typed as the async one every feature writes against: awaiting a value is the same as awaiting its promise.
    this.db = drizzleDb as unknown as QueryDb;
    this.sqlite = drizzleDb.$client;
  }

  private statement(query: Statement): Prepared {
    let prepared = this.prepared.get(query);
    if (!prepared) {
      prepared = this.sqlite.prepare(query.sqlite);
      this.prepared.set(query, prepared);
    }
    return prepared;
  }

  async all<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R[]> {
    if (isStatement(query)) return this.statement(query).all(bind(params)) as R[];
    return this.drizzleDb.all<R>(query);
  }

  async get<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R | undefined> {
    if (isStatement(query)) return this.statement(query).get(bind(params)) as R | undefined;
    return this.drizzleDb.get<R>(query);
  }

  async value<V>(query: Statement | SQL<unknown>, params?: StatementParams): Promise<V | undefined> {
    if (isStatement(query)) {
      const row = this.statement(query).get(bind(params)) as Record<string, unknown> | undefined;
      return row && (Object.values(row)[0] as V);
    }
    return this.drizzleDb.values<[V]>(query)[0]?.[0];
  }

  async run(query: Statement | SQL<unknown> | PromiseLike<unknown>, params?: StatementParams): Promise<number> {
    if (isStatement(query)) return this.statement(query).run(bind(params)).changes;
    if (isSql(query)) return this.drizzleDb.run(query).changes;
    return changedRows(await query);
  }

  async lock(): Promise<void> {
    // One writer at a time: the batch already holds SQLite's write lock.
  }

  async tryLock(): Promise<boolean> {
    // One process writes the file: no other node can hold it.
    return true;
  }
}

// better-sqlite3 takes named parameters as one object, positional ones spread.
const bind = (params: StatementParams | undefined): unknown[] | Record<string, unknown> =>
  params === undefined ? [] : Array.isArray(params) ? params : (params as Record<string, unknown>);

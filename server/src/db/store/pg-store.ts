import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { CONNECT_TIMEOUT_MS, connectionLimits, endConnection, endPool, timedOut, trackConnections } from '../pg/connection-limits.ts';
import * as schema from '../schema.ts';
import { changedRows } from './changed-rows.ts';
import { isSql, isStatement, positionalValues, toPositional, type Positional, type Routine, type Statement, type StatementParams } from './statement.ts';
import type { Held, QueryDb, Store, Tx } from './store.ts';

// int8 (COUNT, bigint times, ids) and numeric (SUM of int8) come back as numbers, as from SQLite.
// Global, because drizzle's node-postgres driver reads pg's global parsers for every query. Every
// value here fits a double: counts, and epoch milliseconds.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

/** SQLSTATEs after which a whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 5;

export interface PgStoreOptions {
  /** A dead node must never keep rows locked: its open transaction is ended after this long idle. */
  idleInTransactionMs?: number;
  maxConnections?: number;
  /**
   * Off for the migrations: a migration may rebuild a big table, and a node starting beside one
   * that migrates waits for its lock. Everything else has the query timeout (pg/connection-limits.ts).
   */
  queryTimeout?: false;
  /** An idle pooled connection broke (PostgreSQL restarted, a network cut): told here, the pool drops it. */
  onIdleError?: (error: Error) => void;
}

/**
 * A pool for the store: keepalives, connect and query timeouts (a silent network must not hang a
 * node: pg/connection-limits.ts), and a cap on how long an abandoned transaction holds its locks.
 */
export function createPool(connectionString: string, options: PgStoreOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    // Kept once made (pg closes one idle for 10 s): a new connection starts cold, its catalog caches
    // empty and every statement planned anew, and its first claims, slow, hold the claim lock that
    // every node's claims wait on.
    idleTimeoutMillis: 0,
    ...connectionLimits,
    // undefined: pg's default, no timeout.
    ...(options.queryTimeout === false && { query_timeout: undefined }),
    application_name: 'ringstuga',
    options: `-c idle_in_transaction_session_timeout=${options.idleInTransactionMs ?? 15_000}`,
  });
  trackConnections(pool);
  // Without a listener the pool's 'error' event (an idle connection ended by a PostgreSQL restart)
  // is thrown and ends the whole process: the node must outlive its database and carry on after.
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection held outside a write (the socket.io adapter's LISTEN connection) has no pool
  // listener either: its error is reported by the query that fails or by its 'end', not here.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * The PostgreSQL store, for several nodes on one database. Each write is its own transaction
 * (READ COMMITTED), retried whole on a serialization failure or a deadlock; what several nodes must
 * not interleave is serialised with `q.lock(key)` (an advisory lock held to the transaction's end).
 */
export class PgStore implements Store {
  readonly dialect = 'postgres';
  private readonly sessions = new WeakMap<pg.PoolClient, PgTx>();
  /** The routines this store made sure of, by name (once per database, not per query). */
  private readonly routines = new Map<string, Promise<void>>();

  constructor(readonly pool: pg.Pool) {}

  async write<T>(work: (q: Tx) => Promise<T> | T): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      const lost = watchConnection(client);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(this.session(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection still waiting for an answer is dropped, not asked to roll back: PostgreSQL
        // rolls back once it sees it gone (or idle_in_transaction_session_timeout ends it).
        broken = timedOut(error) ? (error as Error) : await rollback(client);
        if (broken === undefined && attempt < MAX_ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) {
          // A little jitter, so the transactions that collided do not collide again.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          continue;
        }
        throw error;
      } finally {
        lost.stop();
        client.release(broken ?? lost.error());
      }
    }
  }

  async writeOne<R>(query: Statement<StatementParams, R>, params?: StatementParams): Promise<R[]> {
    if (query.routine) await this.ensureRoutine(query.routine);
    const { name, text, ...positional } = form(query);
    const values = positionalValues({ text, ...positional }, params);
    for (let attempt = 1; ; attempt += 1) {
      try {
        // The pool's own query: a connection that fails is destroyed, not reused.
        return (await this.pool.query({ name, text, values })).rows as R[];
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Creates a statement's function if the database lacks it, once per store. On a connection of its
   * own, outside the pool: the statement's first callers may hold every pooled connection meanwhile.
   * Under a lock, because two nodes creating one function at once may fail ("tuple concurrently updated").
   */
  private ensureRoutine(routine: Routine): Promise<void> {
    let made = this.routines.get(routine.name);
    if (!made) {
      const uses = (routine.uses ?? []).map((used) => this.ensureRoutine(used));
      made = Promise.all([...uses, createRoutine(this.pool.options, routine)]).then(() => undefined);
      // A failure is not remembered: the next statement tries again.
      made.catch(() => this.routines.delete(routine.name));
      this.routines.set(routine.name, made);
    }
    return made;
  }

  async read<T>(work: (q: Tx) => Promise<T> | T): Promise<T> {
    const client = await this.pool.connect();
    const lost = watchConnection(client);
    let stuck: Error | undefined;
    try {
      return await work(this.session(client));
    } catch (error) {
      if (timedOut(error)) stuck = error as Error;
      throw error;
    } finally {
      lost.stop();
      client.release(lost.error() ?? stuck);
    }
  }

  async scrub(tables: readonly string[], options: { compact?: boolean } = {}): Promise<void> {
    // VACUUM runs outside a transaction block: straight on the pool. FULL rewrites each table
    // (locking it meanwhile): for the end-of-campaign purge, not for one person's erasure.
    const verb = options.compact ? 'VACUUM (FULL, ANALYZE)' : 'VACUUM (ANALYZE)';
    // VACUUM takes as long as the tables need: the pool's query timeout is lifted for it.
    for (const table of tables) await this.pool.query({ text: `${verb} ${pg.escapeIdentifier(table)}`, ...UNTIMED });
  }

  hold(key: string): Promise<Held | null> {
    return this.sessionLock('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', key);
  }

  async share(key: string): Promise<Held> {
    return (await this.sessionLock('SELECT pg_advisory_lock_shared(hashtext($1)) IS NOT NULL AS locked', key))!;
  }

  private async sessionLock(text: string, key: string): Promise<Held | null> {
    // A connection of its own, outside the pool: held for minutes, it must not take a writer's place.
    const client = new pg.Client(this.pool.options);
    await client.connect();
    let held = false;
    try {
      const result = await client.query<{ locked: boolean }>(text, [key]);
      held = result.rows[0]?.locked === true;
    } finally {
      if (!held) await endConnection(client);
    }
    if (!held) return null;
    // A lost connection drops the lock too; the error must not crash the process.
    client.on('error', () => undefined);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        // Ending the session releases its advisory locks.
        await endConnection(client);
      },
    };
  }

  close(): Promise<void> {
    return endPool(this.pool);
  }

  private session(client: pg.PoolClient): PgTx {
    let tx = this.sessions.get(client);
    if (!tx) {
      tx = new PgTx(client, (routine) => this.ensureRoutine(routine));
      this.sessions.set(client, tx);
    }
    return tx;
  }
}

/**
 * While a connection is checked out the pool does not listen for its errors, and an 'error' nobody
 * listens for ends the process: a PostgreSQL restart between two statements of a write would kill
 * the node. Listened for here; the query in flight fails by itself, and the connection is given
 * back as broken (destroyed, not reused).
 */
function watchConnection(client: pg.PoolClient): { error(): Error | undefined; stop(): void } {
  let lost: Error | undefined;
  const listener = (error: Error) => {
    lost = error;
  };
  client.on('error', listener);
  return { error: () => lost, stop: () => client.removeListener('error', listener) };
}

async function createRoutine(options: pg.PoolConfig, routine: Routine): Promise<void> {
  const client = new pg.Client(options);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ringstuga routines'))");
    const known = await client.query('SELECT 1 FROM pg_proc WHERE proname = $1', [routine.name]);
    if (known.rowCount === 0) await client.query(routine.create);
    await client.query('COMMIT');
  } finally {
    await endConnection(client);
  }
}

// pg honours a query's own query_timeout (its types leave it out); 0 would mean the pool's, so
// "none" is the longest a timer can wait (24.8 days).
const ROLLBACK = { text: 'ROLLBACK', query_timeout: CONNECT_TIMEOUT_MS };
const UNTIMED: object = { query_timeout: 2 ** 31 - 1 };

/**
 * Rolls back; a connection that cannot even do that is returned to the pool as broken (destroyed).
 * One whose statement timed out would answer only after it (never, over a silent network): it
 * gets a short wait, and PostgreSQL rolls back on its own once the connection is gone.
 */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query(ROLLBACK);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

// A statement's PostgreSQL form, made once per process; prepared once per connection under its name.
const forms = new WeakMap<Statement, Positional & { name: string }>();
let statementCount = 0;
function form(query: Statement): Positional & { name: string } {
  let known = forms.get(query);
  if (!known) {
    statementCount += 1;
    known = { ...toPositional(query.postgres), name: `ringstuga_${statementCount}` };
    forms.set(query, known);
  }
  return known;
}

class PgTx implements Tx {
  readonly dialect = 'postgres';
  readonly db: QueryDb;
  private readonly drizzleDb: NodePgDatabase<typeof schema>;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly ensureRoutine: (routine: Routine) => Promise<void>,
  ) {
    this.drizzleDb = drizzle(client, { schema });
    // drizzle's PostgreSQL builder over schema.ts's tables (pg-schema.ts describes the same ones):
    // the async SQLite type every feature writes against has the same builder methods.
    this.db = this.drizzleDb as unknown as QueryDb;
  }

  private async rows<R>(query: Statement | SQL<unknown>, params: StatementParams | undefined): Promise<pg.QueryResult> {
    if (isStatement(query)) {
      if (query.routine) await this.ensureRoutine(query.routine);
      const { name, text, ...positional } = form(query);
      return this.client.query({ name, text, values: positionalValues({ text, ...positional }, params) });
    }
    return (await this.drizzleDb.execute(query)) as unknown as pg.QueryResult<R & pg.QueryResultRow>;
  }

  async all<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R[]> {
    return (await this.rows<R>(query, params)).rows as R[];
  }

  async get<R>(query: Statement<StatementParams, R> | SQL<unknown>, params?: StatementParams): Promise<R | undefined> {
    return (await this.rows<R>(query, params)).rows[0] as R | undefined;
  }

  async value<V>(query: Statement | SQL<unknown>, params?: StatementParams): Promise<V | undefined> {
    const row = (await this.rows(query, params)).rows[0] as Record<string, unknown> | undefined;
    return row && (Object.values(row)[0] as V);
  }

  async run(query: Statement | SQL<unknown> | PromiseLike<unknown>, params?: StatementParams): Promise<number> {
    if (isStatement(query) || isSql(query)) return (await this.rows(query, params)).rowCount ?? 0;
    return changedRows(await query);
  }

  async lock(key: string | readonly string[]): Promise<void> {
    if (typeof key === 'string') {
      await this.client.query({ name: 'ringstuga_lock', text: 'SELECT pg_advisory_xact_lock(hashtext($1))', values: [key] });
      return;
    }
    // Several in one statement, taken in the order every writer takes several keys (sorted, as JavaScript
    // sorts them: the C collation; the volatile call runs after the sort), so no two wait in a circle.
    const text = 'SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(CAST($1 AS text[])) AS k ORDER BY k COLLATE "C"';
    await this.client.query({ name: 'ringstuga_lock_all', text, values: [[...new Set(key)]] });
  }

  async tryLock(key: string): Promise<boolean> {
    const result = await this.client.query<{ locked: boolean }>({ name: 'ringstuga_try_lock', text: 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', values: [key] });
    return result.rows[0]?.locked === true;
  }
}

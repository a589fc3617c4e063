import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, PgStore } from '../../../server/src/db/store/pg-store.ts';
import { functionStatement, lockedStatement } from '../../../server/src/db/store/statement.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { postgresDatabase } from '../../helpers/postgres/database.ts';

// The claim's probe runs as a locked statement (claim-statements.ts): a function that takes the
// claim lock, then reads. Under READ COMMITTED it must see what the lock's previous holder committed
// while it waited, or two claims would hand out the same contact. One plain statement that takes the
// lock and reads does not: its snapshot is from before the wait.
const KEY = 'test lock';
const marks = lockedStatement<{ at: number }, { n: number }>(
  KEY,
  { sqlite: 'SELECT 0 AS n', postgres: 'SELECT CAST(COUNT(*) AS integer) AS n FROM marks WHERE at >= @at' },
  { params: { at: 'integer' }, columns: 'n integer' },
);
const plain = `SELECT pg_advisory_xact_lock(hashtext('${KEY}')) IS NOT NULL AS locked, (SELECT CAST(COUNT(*) AS integer) FROM marks) AS n`;

describeWithPostgres('a locked statement', () => {
  const url = postgresDatabase({ migrated: false });
  let store: PgStore;
  let holder: pg.Client;
  let watcher: pg.Client;

  beforeAll(async () => {
    store = new PgStore(createPool(url()));
    holder = new pg.Client({ connectionString: url() });
    watcher = new pg.Client({ connectionString: url() });
    await Promise.all([holder.connect(), watcher.connect()]);
    await holder.query('CREATE TABLE marks (at integer)');
  });
  afterAll(async () => {
    await Promise.all([holder?.end(), watcher?.end()]);
    await store?.close();
  });

  /** Holds the lock in an open transaction that adds a mark; `run` starts while it is held; the mark is committed once `run` waits. */
  async function whileHeld<T>(run: () => Promise<T>): Promise<T> {
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('${KEY}'))`);
    await holder.query('INSERT INTO marks VALUES (1)');
    const result = run();
    // This database's (other test files' run beside it in theirs).
    const waiting = async () =>
      (await watcher.query("SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND NOT granted")).rows[0].n;
    await expect.poll(waiting, { timeout: 20_000 }).toBe(1);
    await holder.query('COMMIT');
    return result;
  }

  it('sees what the lock\'s previous holder committed while it waited', async () => {
    expect(await whileHeld(() => store.writeOne(marks, { at: 0 }))).toEqual([{ n: 1 }]);
    // The same inside a write that already holds other work: the function's own snapshot, not the write's.
    expect(await whileHeld(() => store.write((q) => q.all(marks, { at: 0 })))).toEqual([{ n: 2 }]);
  });

  it('where one plain statement that takes the lock and reads does not', async () => {
    const rows = await whileHeld(async () => (await store.pool.query(plain)).rows);
    expect(rows).toEqual([{ locked: true, n: 2 }]);
    expect((await store.pool.query(plain)).rows).toEqual([{ locked: true, n: 3 }]);
  });

  it('is a function named after its definition, called with its parameters in order', () => {
    const again = lockedStatement(KEY, { sqlite: 'SELECT 0 AS n', postgres: 'SELECT CAST(COUNT(*) AS integer) AS n FROM marks WHERE at >= @at' }, { params: { at: 'integer' }, columns: 'n integer' });
    const other = lockedStatement(KEY, { sqlite: 'SELECT 0 AS n', postgres: 'SELECT CAST(COUNT(*) AS integer) AS n FROM marks WHERE at > @at' }, { params: { at: 'integer' }, columns: 'n integer' });
    expect(again.routine!.name).toBe(marks.routine!.name);
    expect(other.routine!.name).not.toBe(marks.routine!.name);
    expect(marks.postgres).toBe(`SELECT * FROM ${marks.routine!.name}(@at)`);
    expect(() => lockedStatement(KEY, { sqlite: '', postgres: 'SELECT @b AS n' }, { params: {}, columns: 'n integer' })).toThrow(/no type for @b/);
  });

  it('is called from a function of several statements, which the store creates with it, in one round trip', async () => {
    // A new store: neither function exists for it yet.
    const fresh = new PgStore(createPool(url()));
    const counted = functionStatement<{ at: number; plus: number }, { result: number }>({
      sqlite: 'SELECT 0 AS result',
      params: { at: 'integer', plus: 'integer' },
      returns: 'integer',
      declare: '@n integer;',
      body: `SELECT n INTO @n FROM (${marks.postgres}) AS counted;\n  RETURN @n + @plus;`,
      uses: [marks],
    });
    try {
      // It waits for the lock inside, and sees what the holder committed meanwhile.
      const marksBefore = Number((await watcher.query('SELECT COUNT(*) AS n FROM marks')).rows[0].n);
      expect(await whileHeld(() => fresh.writeOne(counted, { at: 0, plus: 10 }))).toEqual([{ result: marksBefore + 1 + 10 }]);
    } finally {
      await fresh.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerClosingError, WriteBatcher } from '../../../server/src/db/write-batcher.ts';

let dir: string;
let writer: Database.Database;
let reader: Database.Database;
let batcher: WriteBatcher;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringstuga-batch-'));
  writer = new Database(join(dir, 'b.db'));
  writer.pragma('journal_mode = WAL');
  writer.pragma('busy_timeout = 0');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  reader = new Database(join(dir, 'b.db'));
  batcher = new WriteBatcher(writer);
});
afterEach(() => {
  writer.close();
  reader.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (v: string) => () => Number(writer.prepare('INSERT INTO t (v) VALUES (?)').run(v).lastInsertRowid);
const committedRows = () => (reader.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;

describe('group commit', () => {
  it('runs the writes of one event-loop turn in one transaction and answers only after it commits', async () => {
    const seenByOthersDuringBatch: number[] = [];
    const first = batcher.run(insert('a'));
    const second = batcher.run(() => {
      seenByOthersDuringBatch.push(committedRows());
      return insert('b')();
    });
    expect(committedRows()).toBe(0);
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    // The first write was not yet visible to another connection while the second ran: one transaction.
    expect(seenByOthersDuringBatch).toEqual([0]);
    expect(committedRows()).toBe(2);
  });

  it('rolls back a write that throws, alone, and commits the others', async () => {
    const results = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => {
        insert('doomed')();
        throw new Error('rule broken');
      }),
      batcher.run(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(reader.prepare('SELECT v FROM t ORDER BY id').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
  });

  it('fails every write of the batch when the transaction cannot be had, and writes nothing', async () => {
    reader.exec('BEGIN EXCLUSIVE');
    const results = await Promise.allSettled([batcher.run(insert('a')), batcher.run(insert('b'))]);
    reader.exec('ROLLBACK');
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok'))).toEqual([
      'SQLITE_BUSY',
      'SQLITE_BUSY',
    ]);
    expect(committedRows()).toBe(0);
  });

  it('commits what is queued at once when flushed (the shutdown path)', async () => {
    const pending = batcher.run(insert('a'));
    await batcher.flush();
    expect(committedRows()).toBe(1);
    await expect(pending).resolves.toBe(1);
  });

  it('once closed, commits what was queued and refuses later writes at once, writing nothing', async () => {
    const queued = batcher.run(insert('a'));
    batcher.close();
    await expect(queued).resolves.toBe(1);
    await expect(batcher.run(insert('late'))).rejects.toBeInstanceOf(ServerClosingError);
    expect(committedRows()).toBe(1);
  });

  it('runs async writes one after another in the batch, each rolled back alone when it rejects', async () => {
    const order: string[] = [];
    const asyncInsert = (v: string, fail = false) => async () => {
      order.push(`start ${v}`);
      await Promise.resolve();
      const id = insert(v)();
      order.push(`end ${v}`);
      if (fail) throw new Error('rule broken');
      return id;
    };
    const results = await Promise.allSettled([batcher.run(asyncInsert('a')), batcher.run(asyncInsert('doomed', true)), batcher.run(asyncInsert('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // No interleaving: each write ends before the next starts (they share one connection).
    expect(order).toEqual(['start a', 'end a', 'start doomed', 'end doomed', 'start c', 'end c']);
    expect(reader.prepare('SELECT v FROM t ORDER BY id').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
  });

  it('puts a write asked for while a batch is being written into the next batch', async () => {
    let inner: Promise<number> | undefined;
    const outer = batcher.run(async () => {
      inner = batcher.run(insert('later'));
      return insert('now')();
    });
    await expect(outer).resolves.toBe(1);
    await expect(inner).resolves.toBe(2);
    expect(committedRows()).toBe(2);
  });
});

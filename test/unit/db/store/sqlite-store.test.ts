import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../server/src/db/open.ts';
import { rooms } from '../../../../server/src/db/schema.ts';
import { SqliteStore } from '../../../../server/src/db/store/sqlite-store.ts';
import { statement } from '../../../../server/src/db/store/statement.ts';
import { first } from '../../../../server/src/db/store/store.ts';
import { WriteBatcher } from '../../../../server/src/db/write-batcher.ts';

let dir: string;
let db: Db;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringstuga-store-'));
  db = openDatabase(join(dir, 's.db'));
  store = new SqliteStore(db, new WriteBatcher(db.$client));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const roomByName = statement<{ name: string }, { id: number; name: string }>('SELECT id, name FROM rooms WHERE name = @name');
const renameRoom = statement<[string, number]>('UPDATE rooms SET name = ? WHERE id = ?');

describe('the SQLite store', () => {
  it('runs builder queries, sql and statements inside a write, and answers with what the work returned', async () => {
    const id = await store.write(async (q) => {
      const [room] = await q.db.insert(rooms).values({ name: 'Sal A', createdAt: 1 }).returning({ id: rooms.id });
      expect(await q.run(renameRoom, ['Sal B', room!.id])).toBe(1);
      expect(await q.get(roomByName, { name: 'Sal B' })).toEqual({ id: room!.id, name: 'Sal B' });
      expect(await q.value(sql`SELECT COUNT(*) FROM rooms WHERE name = ${'Sal B'}`)).toBe(1);
      expect(await q.run(q.db.update(rooms).set({ name: 'Sal C' }).where(eq(rooms.id, room!.id)))).toBe(1);
      return room!.id;
    });
    const rows = await store.read((q) => q.db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, id)));
    expect(first(rows)).toEqual({ name: 'Sal C' });
    expect(await store.read((q) => q.all(sql`SELECT name FROM rooms WHERE id = ${id}`))).toEqual([{ name: 'Sal C' }]);
  });

  it('rolls back a write that rejects, whole, and keeps the writes beside it', async () => {
    const failing = store.write(async (q) => {
      await q.db.insert(rooms).values({ name: 'Half', createdAt: 1 });
      throw new Error('rule broken');
    });
    const kept = store.write((q) => q.db.insert(rooms).values({ name: 'Kept', createdAt: 1 }).returning());
    await expect(failing).rejects.toThrow('rule broken');
    await kept;
    expect(await store.read((q) => q.db.select({ name: rooms.name }).from(rooms).where(inArray(rooms.name, ['Half', 'Kept'])))).toEqual([{ name: 'Kept' }]);
  });
});

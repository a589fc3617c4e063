import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/src/db/open.ts';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringstuga-open-'));
  db = openDatabase(join(dir, 'o.db'));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** SQLite's temporary files are unlinked as soon as they are opened: only /proc shows them. */
const openTemporaryFiles = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_');
    } catch {
      return false; // closed while listing
    }
  }).length;

it.runIf(process.platform === 'linux')('keeps the journal of a batch of savepoints in memory, not in a temporary file', () => {
  const sqlite = db.$client;
  sqlite.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, body TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO pages (n, body) VALUES (0, ?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(500));
  })();
  const touch = sqlite.prepare('UPDATE pages SET n = n + 1 WHERE id = ?');
  let seenInside = -1;
  // As the write batcher does: one transaction, each write in a savepoint of its own, and each
  // write here changing 40 pages (160 KiB: past the 64 KiB SQLite holds before it spills to a file).
  sqlite.transaction(() => {
    for (let write = 0; write < 5; write += 1) {
      sqlite.transaction(() => {
        for (let row = 0; row < 40; row += 1) touch.run(1 + row * 50 + write);
      })();
    }
    seenInside = openTemporaryFiles();
  })();
  expect(seenInside).toBe(0);
});

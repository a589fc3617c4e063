import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Held, Store, Tx } from '../../db/store/store.ts';
import type { ParsedContact } from './parse-contacts.ts';

/** Shared by every running import, on every node: an erasure that gets it alone knows none runs. */
const IMPORTS_RUNNING = 'imports:running';
/** Orders an import's write against an erasure while imports run: one of them sees the other whole. */
const IMPORT_ERASURES = 'imports:erasures';
/** Settings rows `import-erased:<keyed hash>`, there only while an import runs. */
const PREFIX = 'import-erased:';

/**
 * Numbers erased while an import is running. An import reads its file and matches it before it
 * writes, in several transactions: a person erased in between would come back with the import's
 * later writes. Each running import collects the numbers erased since it began, and its writes
 * leave those rows out. In this process a set in memory does it (each write runs in the same write
 * queue as the erasure, so an erasure is either before a chunk, which then skips the number, or
 * after it, and deletes what it wrote).
 *
 * On PostgreSQL the import may run on another node. Then an erasure, if any import runs anywhere
 * (it cannot take IMPORTS_RUNNING alone), stores a keyed hash of the number (HMAC with the token
 * key: no number is stored, and without the key the hash names no one) in the same transaction,
 * under IMPORT_ERASURES, which each import write also takes before it reads the hashes. The rows
 * are deleted as soon as no import runs (at an import's end, and at a node's start).
 */
export function createErasureWatch(store: Store, tokenKey: string) {
  const running = new Set<Set<string>>();
  const hash = (phone: string) => createHmac('sha256', tokenKey).update(`import-erased:${phone}`).digest('base64url');

  /** Deletes the hashes if no import runs on any node (none are written on SQLite). */
  const forgetIfIdle = async (): Promise<void> => {
    if (store.dialect !== 'postgres') return;
    await store.write(async (q) => {
      if (!(await q.tryLock(IMPORTS_RUNNING))) return;
      await q.run(sql`DELETE FROM settings WHERE key LIKE ${`${PREFIX}%`}`);
    });
  };

  return {
    /** An import begins: the numbers erased from now until `end` are collected for it. */
    async begin(): Promise<{ erased: Set<string>; shared: Held }> {
      const shared = await store.share(IMPORTS_RUNNING);
      const erased = new Set<string>();
      running.add(erased);
      return { erased, shared };
    },
    async end(watch: { erased: Set<string>; shared: Held }): Promise<void> {
      running.delete(watch.erased);
      await watch.shared.release();
      // Not the import's failure if this fails: the next import's end, or a node's start, deletes them.
      await forgetIfIdle().catch(() => undefined);
    },
    forgetIfIdle,
    /**
     * At the start of an import's write: whether a contact names a number erased since the import
     * began, here or on another node (read after IMPORT_ERASURES is taken, so an erasure is
     * either seen here or runs after this write and deletes what it wrote).
     */
    async guard(q: Tx, erased: ReadonlySet<string>): Promise<(contact: ParsedContact) => boolean> {
      if (q.dialect !== 'postgres') return (contact) => namesErased(erased, contact);
      await q.lock(IMPORT_ERASURES);
      const rows = await q.all<{ key: string }>(sql`SELECT key FROM settings WHERE key LIKE ${`${PREFIX}%`}`);
      if (rows.length === 0) return (contact) => namesErased(erased, contact);
      const hashes = new Set(rows.map((row) => row.key.slice(PREFIX.length)));
      return (contact) => namesErased(erased, contact) || hashes.has(hash(contact.phone)) || (contact.altPhone !== null && hashes.has(hash(contact.altPhone)));
    },
    /**
     * A person was erased: call it inside the erasure's write, before it deletes anything, so no
     * later import write misses it. Adding it twice (a retried write) changes nothing.
     */
    async erased(q: Tx, phone: string): Promise<void> {
      for (const numbers of running) numbers.add(phone);
      if (q.dialect !== 'postgres' || (await q.tryLock(IMPORTS_RUNNING))) return;
      await q.lock(IMPORT_ERASURES);
      await q.run(sql`INSERT INTO settings (key, value) VALUES (${PREFIX + hash(phone)}, '') ON CONFLICT (key) DO NOTHING`);
    },
  };
}

export type ErasureWatch = ReturnType<typeof createErasureWatch>;

/** Whether an imported row names an erased number (as its number or its alternative one). */
export const namesErased = (erased: ReadonlySet<string>, contact: ParsedContact): boolean =>
  erased.size > 0 && (erased.has(contact.phone) || (contact.altPhone !== null && erased.has(contact.altPhone)));

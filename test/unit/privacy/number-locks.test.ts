import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, Tx } from '../../../server/src/db/store/store.ts';
import { CLAIM_LOCK } from '../../../server/src/features/calling/claim-statements.ts';
import { insertContacts, lockNumbers } from '../../../server/src/features/import/import.repo.ts';
import { addNumbers, removeNumber } from '../../../server/src/features/privacy/do-not-call.repo.ts';
import { erasePerson, releasePhones } from '../../../server/src/features/privacy/erasure.repo.ts';
import { buildContacts, buildList, phoneNumber } from '../../factories/campaign.ts';
import { openTestStore, type TestStore } from '../../helpers/test-store.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { sql } from 'drizzle-orm';

// On PostgreSQL these are advisory locks held to the end of the write's transaction (issue 16):
// every path that writes a number takes the number's lock first. SQLite has one writer, so its
// lock does nothing: what is checked here is that each path asks for it, and for which numbers.

let db: TestStore;
let store: Store;
let locked: string[];
/** Each lock request as made: one key, or several at once. */
let requests: (string | readonly string[])[];

/** The store, with each write's lock requests noted before they are passed on. */
function noting(inner: Store): Store {
  const notingTx = (q: Tx): Tx =>
    Object.assign(Object.create(q) as Tx, {
      lock: async (key: string | readonly string[]) => {
        requests.push(key);
        locked.push(...(typeof key === 'string' ? [key] : key));
        await q.lock(key);
      },
    });
  return {
    dialect: inner.dialect,
    read: (work) => inner.read(work),
    write: (work) => inner.write((q) => work(notingTx(q))),
    writeOne: (query, params) => inner.writeOne(query, params),
    scrub: (tables, options) => inner.scrub(tables, options),
    hold: (key) => inner.hold(key),
    share: (key) => inner.share(key),
  };
}

beforeEach(async () => {
  db = await openTestStore();
  store = noting(db.store);
  locked = [];
  requests = [];
});
afterEach(async () => {
  await db.close();
});

const [A, B, C] = [phoneNumber(1), phoneNumber(2), phoneNumber(3)];

describe('the per-number lock', () => {
  it('is taken for each number the register adds, in one order, and for a number it removes', async () => {
    const { listId } = await buildList(db);
    await buildContacts(db, listId, [B]);
    expect(await store.write((q) => addNumbers(q, [C, A, B], 'admin', 1))).toEqual({ added: 3, present: 0, closed: 1 });
    expect(locked).toEqual([`phone:${A}`, `phone:${B}`, `phone:${C}`]);
    locked = [];
    expect(await store.write((q) => removeNumber(q, B))).toBe(true);
    expect(locked).toEqual([`phone:${B}`]);
  });

  it('is taken for the erased number, with the claim lock, before anything is read or deleted', async () => {
    const { listId } = await buildList(db);
    await buildContacts(db, listId, [A, B]);
    const erased = await store.write((q) => erasePerson(q, A, 1));
    expect(erased).toMatchObject({ contacts: 1, lists: 1 });
    // In one request, claim's first: the order every writer taking both follows (a late report too).
    expect(locked.slice(0, 2)).toEqual([CLAIM_LOCK, `phone:${A}`]);
  });

  it("is taken for each imported row's number and alternative number before the row is written", async () => {
    const { listId } = await buildList(db);
    const row = (n: number, phone: string, altPhone: string | null) => ({
      row: n,
      name: `Person ${n}`,
      phone,
      altPhone,
      votingDistrict: null,
      priority: 2 as const,
      preferredLanguage: null,
      externalId: null,
    });
    const rows = [row(2, A, B), row(3, C, null)];
    // A row left out (an erased number) is locked too: the lock comes before the question.
    const written = await store.write((q) => insertContacts(q, listId, rows, 1, { skip: (contact) => contact.phone === C }));
    expect(written).toEqual({ next: 2, inserted: 1 });
    expect(locked).toEqual([`phone:${A}`, `phone:${B}`, `phone:${C}`]);
    locked = [];
    await store.write((q) => lockNumbers(q, row(4, A, A)));
    expect(locked).toEqual([`phone:${A}`]);
  });

  it("is taken for every released number in one request, and only those numbers' held contacts are freed", async () => {
    const D = phoneNumber(4);
    const { listId } = await buildList(db);
    const ids = await buildContacts(db, listId, [A, B, C, D]);
    await db.store.write((q) => q.run(sql`UPDATE contacts SET status = 'held'`));
    await store.write((q) => releasePhones(q, [C, A, B, A]));
    expect(requests).toEqual([[`phone:${A}`, `phone:${B}`, `phone:${C}`]]);
    const statuses = await db.store.read((q) => q.all<{ id: number; status: string }>(sql`SELECT id, status FROM contacts ORDER BY id`));
    expect(statuses).toEqual(ids.map((id, n) => ({ id, status: n < 3 ? 'ready' : 'held' })));
  });

  it.runIf(onPostgres)('holds each of several keys asked for at once until the write ends (PostgreSQL)', async () => {
    // This database's (other test files' run beside it in theirs).
    const advisoryLocks = () =>
      db.store.read((q) =>
        q.value<number>(sql`SELECT CAST(COUNT(*) AS integer) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted`),
      );
    const during = await db.store.write(async (q) => {
      await q.lock([`phone:${C}`, `phone:${A}`, `phone:${B}`, `phone:${A}`]);
      return advisoryLocks();
    });
    expect(during).toBe(3);
    expect(await advisoryLocks()).toBe(0);
  });
});

import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { contacts, doNotCall } from '../../db/schema.ts';

/** Where a number on the register came from: a call's outcome, the admin, or a file the admin imported. */
export const DO_NOT_CALL_SOURCES = ['outcome', 'admin', 'import'] as const;
export type DoNotCallSource = (typeof DO_NOT_CALL_SOURCES)[number];

/** The global do-not-call register. Numbers are E.164; the register honours them on every list. */
export function createDoNotCallRepo(db: Db) {
  // Built once: an imported register runs these for every number in the file.
  const insert = db
    .insert(doNotCall)
    .values({ phone: sql.placeholder('phone'), addedAt: sql.placeholder('now'), source: sql.placeholder('source') })
    .onConflictDoNothing()
    .prepare();
  // Waiting contacts only: a held one is on a station's screen, and the allocator withdraws it at
  // the station's next claim (invariant 3); closing it here would let its outcome reopen it.
  const close = db
    .update(contacts)
    .set({ status: 'done', closedReason: 'do_not_call' })
    .where(and(eq(contacts.phone, sql.placeholder('phone')), eq(contacts.status, 'ready')))
    .prepare();

  return {
    counts(): { count: number; bySource: Record<DoNotCallSource, number> } {
      const bySourceCounts = { outcome: 0, admin: 0, import: 0 };
      let count = 0;
      for (const row of db.select({ source: doNotCall.source, n: sql<number>`count(*)` }).from(doNotCall).groupBy(doNotCall.source).all()) {
        count += row.n;
        if ((DO_NOT_CALL_SOURCES as readonly string[]).includes(row.source)) bySourceCounts[row.source as DoNotCallSource] += row.n;
      }
      return { count, bySource: bySourceCounts };
    },
    /** Adds distinct E.164 numbers and closes their waiting contacts on every list. Call inside a transaction. */
    add(phones: readonly string[], source: DoNotCallSource, now: number): { added: number; present: number; closed: number } {
      let added = 0;
      let closed = 0;
      for (const phone of phones) {
        added += insert.run({ phone, now, source }).changes;
        // Present numbers too: closing is idempotent, and whatever is still waiting must not be.
        closed += close.run({ phone }).changes;
      }
      return { added, present: phones.length - added, closed };
    },
    /** Takes a number off the register; its closed contacts stay closed. False if it was not on it. */
    remove: (phone: string) => db.delete(doNotCall).where(eq(doNotCall.phone, phone)).run().changes === 1,
  };
}

export type DoNotCallRepo = ReturnType<typeof createDoNotCallRepo>;

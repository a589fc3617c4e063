import { eq, sql } from 'drizzle-orm';
import { statement } from '../../db/store/statement.ts';
import type { Tx } from '../../db/store/store.ts';
import { doNotCall } from '../../db/schema.ts';

/** Where a number on the register came from: a call's outcome, the admin, or a file the admin imported. */
export const DO_NOT_CALL_SOURCES = ['outcome', 'admin', 'import'] as const;
export type DoNotCallSource = (typeof DO_NOT_CALL_SOURCES)[number];

// The global do-not-call register. Numbers are E.164; the register honours them on every list.

// Statements, prepared once: an imported register runs these for every number in the file.
const insertNumber = statement<{ phone: string; now: number; source: string }>(
  'INSERT INTO do_not_call (phone, added_at, source) VALUES (@phone, @now, @source) ON CONFLICT DO NOTHING',
);
// Waiting contacts only: a held one is on a station's screen, and the allocator withdraws it at
// the station's next claim (invariant 3); closing it here would let its outcome reopen it.
const closeWaiting = statement<{ phone: string }>(
  "UPDATE contacts SET status = 'done', closed_reason = 'do_not_call' WHERE phone = @phone AND status = 'ready'",
);

/** How many numbers the register holds, by source. */
export async function registerCounts(q: Tx): Promise<{ count: number; bySource: Record<DoNotCallSource, number> }> {
  const bySourceCounts = { outcome: 0, admin: 0, import: 0 };
  let count = 0;
  for (const row of await q.db.select({ source: doNotCall.source, n: sql<number>`count(*)` }).from(doNotCall).groupBy(doNotCall.source)) {
    count += row.n;
    if ((DO_NOT_CALL_SOURCES as readonly string[]).includes(row.source)) bySourceCounts[row.source as DoNotCallSource] += row.n;
  }
  return { count, bySource: bySourceCounts };
}

/** Adds distinct E.164 numbers and closes their waiting contacts on every list. Call inside a write. */
export async function addNumbers(q: Tx, phones: readonly string[], source: DoNotCallSource, now: number): Promise<{ added: number; present: number; closed: number }> {
  let added = 0;
  let closed = 0;
  // In one order, so two writers locking several numbers never wait on each other in a circle.
  for (const phone of [...phones].sort()) {
    // Against a claim of this number committing between its register check and its commit (PostgreSQL).
    await q.lock(`phone:${phone}`);
    added += await q.run(insertNumber, { phone, now, source });
    // Present numbers too: closing is idempotent, and whatever is still waiting must not be.
    closed += await q.run(closeWaiting, { phone });
  }
  return { added, present: phones.length - added, closed };
}

/** Takes a number off the register; its closed contacts stay closed. False if it was not on it. */
export async function removeNumber(q: Tx, phone: string): Promise<boolean> {
  await q.lock(`phone:${phone}`);
  return (await q.run(q.db.delete(doNotCall).where(eq(doNotCall.phone, phone)))) === 1;
}

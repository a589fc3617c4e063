import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/store/store.ts';
import { answerArchive, callAnswers, calls, contacts, newHelpers } from '../../db/schema.ts';
import { districtFromCell } from '../districts/district.ts';

// Answers are political opinions: they go with the person (erasure, list deletion, the purge, a
// campaign's archive). What stays is their count per list, question, value and voting district,
// which the answer totals add to the live answers. Both functions run inside the deleting
// write, before the calls go (call_answers and new_helpers reference them).

/** Live answers counted per list, question, value and voting district ('' for none), of the calls `where` picks. */
export function answerCounts(q: Tx, where: SQL) {
  const district = sql<string>`coalesce(${contacts.votingDistrict}, '')`;
  return q.db
    .select({ listId: calls.listId, questionKey: callAnswers.questionKey, value: callAnswers.value, district, count: sql<number>`count(*)` })
    .from(callAnswers)
    .innerJoin(calls, eq(calls.id, callAnswers.callId))
    .innerJoin(contacts, eq(contacts.id, calls.contactId))
    .where(where)
    .groupBy(calls.listId, callAnswers.questionKey, callAnswers.value, district);
}

/**
 * Counts the answers given in the calls `where` picks (all calls without it) into answer_archive,
 * then deletes them. Returns how many answers went.
 */
export async function archiveAnswers(q: Tx, where?: SQL): Promise<number> {
  const picked = q.db.select({ id: calls.id }).from(calls).where(where);
  const counts = await answerCounts(q, inArray(callAnswers.callId, picked));
  for (const row of counts) {
    // The archive outlives the person: a "district" that is really an address is kept as none.
    const kept = row.district === '' || districtFromCell(row.district).problem !== undefined ? '' : row.district;
    await q.db
      .insert(answerArchive)
      .values({ ...row, district: kept })
      .onConflictDoUpdate({
        target: [answerArchive.listId, answerArchive.questionKey, answerArchive.value, answerArchive.district],
        set: { count: sql`${answerArchive.count} + excluded.count` },
      });
  }
  return q.run(q.db.delete(callAnswers).where(inArray(callAnswers.callId, picked)));
}

/** Removes new helpers: those `where` picks, or all. Their names and numbers are personal data. */
export const deleteNewHelpers = (q: Tx, where?: SQL): Promise<number> => q.run(q.db.delete(newHelpers).where(where));

/** The new helpers who came from these contacts or have this number. */
export const newHelpersOf = (contactIds: number[], phone: string): SQL =>
  or(inArray(newHelpers.contactId, contactIds), eq(newHelpers.phone, phone))!;

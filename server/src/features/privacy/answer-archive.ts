import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { answerArchive, callAnswers, calls, contacts } from '../../db/schema.ts';

/**
 * Keeps the answers of calls whose rows go (an archived campaign, the purge) as anonymous counts per
 * list, question, value and voting district, which the answer totals add to the live ones. Call
 * inside the deleting transaction, after the district archive cleared districts that are not districts.
 */
export function archiveAnswers(db: Db, callsInScope?: SQL): number {
  const grouped = db
    .select({
      listId: calls.listId,
      questionKey: callAnswers.questionKey,
      value: callAnswers.value,
      district: sql<string>`coalesce(${contacts.votingDistrict}, '')`.as('district'),
      count: sql<number>`count(*)`.as('count'),
    })
    .from(callAnswers)
    .innerJoin(calls, eq(calls.id, callAnswers.callId))
    .innerJoin(contacts, eq(contacts.id, calls.contactId))
    .where(callsInScope ?? sql`true`)
    .groupBy(calls.listId, callAnswers.questionKey, callAnswers.value, sql`district`);
  db.insert(answerArchive)
    .select(grouped)
    .onConflictDoUpdate({
      target: [answerArchive.listId, answerArchive.questionKey, answerArchive.value, answerArchive.district],
      set: { count: sql`${answerArchive.count} + excluded.${sql.identifier(answerArchive.count.name)}` },
    })
    .run();
  const answered = callsInScope ? inArray(callAnswers.callId, db.select({ id: calls.id }).from(calls).where(callsInScope)) : undefined;
  return db.delete(callAnswers).where(answered).run().changes;
}

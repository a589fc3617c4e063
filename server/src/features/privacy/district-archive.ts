import { and, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { calls, contacts, districtArchive } from '../../db/schema.ts';
import { districtFromCell } from '../districts/district.ts';

const counted = ['contacts', 'personsCalled', 'attempts', 'answered', 'conversations'] as const;
/** A district already archived adds the new counts to its own. */
const addToArchived = {
  target: [districtArchive.listId, districtArchive.district],
  set: Object.fromEntries(
    counted.map((key) => [key, sql`${districtArchive[key]} + excluded.${sql.identifier(districtArchive[key].name)}`]),
  ),
};

// Each contact's own figures, from its calls (a contact with no calls counts zeros).
const perContact = (db: Db, where?: SQL) =>
  db
    .select({
      listId: contacts.listId,
      district: sql<string>`coalesce(${contacts.votingDistrict}, '')`.as('district'),
      called: sql<number>`${contacts.attempts} > 0`.as('called'),
      attempts: sql<number>`count(${calls.id})`.as('attempts'),
      answered: sql<number>`coalesce(sum(${calls.outcome} IN (${sql.raw(REACHED_SQL)})), 0)`.as('answered'),
      conversations: sql<number>`coalesce(sum(${calls.outcome} IN (${sql.raw(CONVERSATION_SQL)})), 0)`.as('conversations'),
    })
    .from(contacts)
    .leftJoin(calls, eq(calls.contactId, contacts.id))
    .where(where)
    .groupBy(contacts.id)
    .as('per_contact');

/**
 * Keeps the per-district figures of people whose data goes (erasure, the end-of-campaign purge) as
 * anonymous counts, which list progress adds to the live ones. Call inside the deleting transaction,
 * before the contacts and calls are deleted.
 */
export function createDistrictArchive(db: Db) {
  // Districts stored before imports checked them may be an address or a person ("Zelda
  // Secretsdottirs gata 5"): such a value is cleared before the counts are kept, so the archive
  // (which outlives the person) holds them under "no district" and never the text.
  const isDistrict = (value: string) => districtFromCell(value).problem === undefined;
  return {
    /** An erased person leaves the list's contacts (coverage stays honest), but not the counts of calls made. */
    keepContact(contactId: number): void {
      const district = db.select({ district: contacts.votingDistrict }).from(contacts).where(eq(contacts.id, contactId)).get()?.district;
      if (typeof district === 'string' && !isDistrict(district)) {
        db.update(contacts).set({ votingDistrict: null }).where(eq(contacts.id, contactId)).run();
      }
      const one = perContact(db, eq(contacts.id, contactId));
      db.insert(districtArchive)
        .select(
          db
            .select({
              listId: one.listId,
              district: one.district,
              contacts: sql<number>`0`.as('contacts'),
              personsCalled: one.called,
              attempts: one.attempts,
              answered: one.answered,
              conversations: one.conversations,
            })
            .from(one)
            // WHERE: SQLite reads an upsert's SELECT without one as a join's ON.
            .where(sql`true`),
        )
        .onConflictDoUpdate(addToArchived)
        .run();
    },
    /** At the end of a campaign (`scope`: its contacts; every contact if left out) the lists keep their contact counts, and so do the districts. */
    keepAll(scope?: SQL): void {
      const written = db
        .selectDistinct({ district: contacts.votingDistrict })
        .from(contacts)
        .where(and(isNotNull(contacts.votingDistrict), scope))
        .all();
      for (const { district } of written) {
        if (district !== null && !isDistrict(district)) {
          db.update(contacts).set({ votingDistrict: null }).where(and(eq(contacts.votingDistrict, district), scope)).run();
        }
      }
      const each = perContact(db, scope);
      db.insert(districtArchive)
        .select(
          db
            .select({
              listId: each.listId,
              district: each.district,
              contacts: sql<number>`count(*)`.as('contacts'),
              personsCalled: sql<number>`sum(${each.called})`.as('personsCalled'),
              attempts: sql<number>`sum(${each.attempts})`.as('attempts'),
              answered: sql<number>`sum(${each.answered})`.as('answered'),
              conversations: sql<number>`sum(${each.conversations})`.as('conversations'),
            })
            .from(each)
            .groupBy(each.listId, sql`${each.district}`),
        )
        .onConflictDoUpdate(addToArchived)
        .run();
    },
  };
}

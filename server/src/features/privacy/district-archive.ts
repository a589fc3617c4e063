import { and, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/store/store.ts';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { calls, contacts, districtArchive } from '../../db/schema.ts';
import { districtFromCell } from '../districts/district.ts';

// Keeps the per-district figures of people whose data goes (erasure, the end-of-campaign purge) as
// anonymous counts, which list progress adds to the live ones. Call inside the deleting write,
// before the contacts and calls are deleted.

const counted = ['contacts', 'personsCalled', 'attempts', 'answered', 'conversations'] as const;
/** A district already archived adds the new counts to its own. */
const addToArchived = {
  target: [districtArchive.listId, districtArchive.district],
  set: Object.fromEntries(
    counted.map((key) => [key, sql`${districtArchive[key]} + excluded.${sql.identifier(districtArchive[key].name)}`]),
  ),
};

// Each contact's own figures, from its calls (a contact with no calls counts zeros). Grouped by the
// contact's primary key, so its other columns may be selected (PostgreSQL: functionally dependent).
const perContact = (q: Tx, where?: SQL) =>
  q.db
    .select({
      listId: contacts.listId,
      district: sql<string>`coalesce(${contacts.votingDistrict}, '')`.as('district'),
      called: sql<number>`CASE WHEN ${contacts.attempts} > 0 THEN 1 ELSE 0 END`.as('called'),
      attempts: sql<number>`count(${calls.id})`.as('attempts'),
      answered: sql<number>`count(*) FILTER (WHERE ${calls.outcome} IN (${sql.raw(REACHED_SQL)}))`.as('answered'),
      conversations: sql<number>`count(*) FILTER (WHERE ${calls.outcome} IN (${sql.raw(CONVERSATION_SQL)}))`.as('conversations'),
    })
    .from(contacts)
    .leftJoin(calls, eq(calls.contactId, contacts.id))
    .where(where)
    .groupBy(contacts.id)
    .as('per_contact');

// Districts stored before imports checked them may be an address or a person ("Zelda
// Secretsdottirs gata 5"): such a value is cleared before the counts are kept, so the archive
// (which outlives the person) holds them under "no district" and never the text.
const isDistrict = (value: string) => districtFromCell(value).problem === undefined;

/** An erased person leaves the list's contacts (coverage stays honest), but not the counts of calls made. */
export async function keepContact(q: Tx, contactId: number): Promise<void> {
  const district = first(await q.db.select({ district: contacts.votingDistrict }).from(contacts).where(eq(contacts.id, contactId)))?.district;
  if (typeof district === 'string' && !isDistrict(district)) {
    await q.db.update(contacts).set({ votingDistrict: null }).where(eq(contacts.id, contactId));
  }
  const one = perContact(q, eq(contacts.id, contactId));
  await q.db
    .insert(districtArchive)
    .select(
      q.db
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
    .onConflictDoUpdate(addToArchived);
}

/** At the end of a campaign (`scope`: its contacts; every contact if left out) the lists keep their contact counts, and so do the districts. */
export async function keepAllContacts(q: Tx, scope?: SQL): Promise<void> {
  const written = await q.db
    .selectDistinct({ district: contacts.votingDistrict })
    .from(contacts)
    .where(and(isNotNull(contacts.votingDistrict), scope));
  for (const { district } of written) {
    if (district !== null && !isDistrict(district)) {
      await q.db.update(contacts).set({ votingDistrict: null }).where(and(eq(contacts.votingDistrict, district), scope));
    }
  }
  const each = perContact(q, scope);
  await q.db
    .insert(districtArchive)
    .select(
      q.db
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
    .onConflictDoUpdate(addToArchived);
}

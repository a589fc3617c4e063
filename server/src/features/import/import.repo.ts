import { and, eq, isNull, sql } from 'drizzle-orm';
import { statement, type SqlValue, type Statement } from '../../db/store/statement.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { callLists, campaigns, contacts, doNotCall, imports } from '../../db/schema.ts';
import type { ParsedContact } from './parse-contacts.ts';

/** A contact already on the list, as a re-import compares it. */
export interface ExistingContact {
  id: number;
  name: string;
  phone: string;
  alt_phone: string | null;
  external_id: string | null;
  voting_district: string | null;
  priority: number;
  preferred_language: string | null;
}

type ContactParams = Omit<ParsedContact, 'row'>;

// Queries for writing an import; every write runs inside the caller's store write. The per-row
// statements (the page of existing contacts, the batch insert and the update) stay hand-written
// SQL prepared once: they run for each of up to 100 k rows (~3 s in all, bench/import.ts), where
// building a drizzle query per row or mapping each row would cost more than the insert itself.

/** A page of the list's contacts by id: contacts_list_phone (list_id = ?), then sorted by id. */
const pageOfContacts = statement<[listId: number, after: number, limit: number], ExistingContact>(
  `SELECT id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language
   FROM contacts WHERE list_id = ? AND id > ? ORDER BY id LIMIT ?`,
);
/**
 * Rows one insert writes (ROW_PARAMS parameters each, far below either database's limit). One statement a
 * batch, not one a row: a row's own statement, its promise and its parameter object cost more
 * than the row's insert (bench/import.ts, docs/benchmark.md), and on PostgreSQL a round trip each.
 */
const INSERT_BATCH = 50;
const ROW_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, 'ready', 0, 0, ?)";
const ROW_PARAMS = 9;
// One statement per batch size (a slice's last batch may be short): prepared once each.
const insertStatements = new Map<number, Statement<SqlValue[]>>();
/** New contacts, `rows` at once (each list and phone checked unique by contacts_list_phone). */
function insertRows(rows: number): Statement<SqlValue[]> {
  let known = insertStatements.get(rows);
  if (!known) {
    known = statement<SqlValue[]>(
      `INSERT INTO contacts (list_id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language,
         status, attempts, next_call_at, created_at)
       VALUES ${Array.from({ length: rows }, () => ROW_VALUES).join(', ')}`,
    );
    insertStatements.set(rows, known);
  }
  return known;
}
/**
 * One contact matched by a re-import, by its id. A contact under call (held) keeps its number: its
 * lease holds that number, and whatever ends the lease releases the number's contacts by it; a new
 * number of a held contact would be held by no lease, and free to be handed out again on another
 * list while this call is under way. The next import after the call changes it.
 */
const updateContactStatement = statement<ContactParams & { id: number }, { phone: string }>(
  `UPDATE contacts SET name = @name, phone = CASE WHEN status = 'held' THEN phone ELSE @phone END, alt_phone = @altPhone, external_id = @externalId,
     voting_district = @votingDistrict, priority = @priority, preferred_language = @preferredLanguage,
     -- A new language (or none) is no longer the one a speaker was awaited for: anyone may call again.
     needs_speaker = CASE WHEN preferred_language IS NOT DISTINCT FROM @preferredLanguage THEN needs_speaker ELSE 0 END
   WHERE id = @id
   RETURNING phone`,
);
const listIs = (listId: number) => eq(callLists.id, listId);

/**
 * Holds the contact's numbers against every other writer of them (PostgreSQL: an erasure, the
 * register, a claim), so that none of them acts between reading and writing here.
 */
export async function lockNumbers(q: Tx, contact: ParsedContact): Promise<void> {
  await q.lock(numberKeys(contact));
}

const numberKeys = ({ phone, altPhone }: ParsedContact): string[] =>
  altPhone !== null && altPhone !== phone ? [`phone:${phone}`, `phone:${altPhone}`] : [`phone:${phone}`];

/** Up to `limit` of the list's contacts after id `after`: read in pages, between writes. */
export const contactsPage = (q: Tx, listId: number, after: number, limit: number): Promise<ExistingContact[]> =>
  q.all(pageOfContacts, [listId, after, limit]);

/**
 * Inserts contacts from index `from` on, until all are in or `until` (performance.now()) has
 * passed, leaving out those `skip` names; returns the index it stopped at and how many it
 * inserted. The rules across lists are the allocator's, at hand-out (its invariant 8): written
 * here, they would show the importing association what happened to a number on another list.
 */
export async function insertContacts(
  q: Tx,
  listId: number,
  contacts: readonly ParsedContact[],
  now: number,
  options: { from?: number; until?: number; skip?: (contact: ParsedContact) => boolean } = {},
): Promise<{ next: number; inserted: number }> {
  const { from = 0, until = Infinity, skip } = options;
  let next = from;
  let inserted = 0;
  while (next < contacts.length) {
    const batch = contacts.slice(next, next + INSERT_BATCH);
    next += batch.length;
    // Locked before `skip` looks: an erasure of the number that held it has told the watch by then.
    // All of the batch's in one statement (one wait a batch), in the order every writer takes them.
    await q.lock(batch.flatMap(numberKeys));
    const values: SqlValue[] = [];
    for (const contact of batch) {
      if (skip?.(contact)) continue;
      const { name, phone, altPhone, externalId, votingDistrict, priority, preferredLanguage } = contact;
      values.push(listId, name, phone, altPhone, externalId, votingDistrict, priority, preferredLanguage, now);
    }
    const rows = values.length / ROW_PARAMS;
    if (rows > 0) await q.run(insertRows(rows), values);
    inserted += rows;
    // The clock is read once a batch: it costs more than a row's insert.
    if (performance.now() > until) break;
  }
  return { next, inserted };
}

/**
 * A contact matched by a re-import gets the file's values; lock its numbers first (`lockNumbers`).
 * True if it kept its old number because the person is under call (see the statement).
 */
export async function updateContact(q: Tx, id: number, contact: ParsedContact): Promise<boolean> {
  const written = await q.get(updateContactStatement, { ...contact, id });
  return written !== undefined && written.phone !== contact.phone;
}

export async function addToCount(q: Tx, listId: number, added: number): Promise<void> {
  await q.db
    .update(callLists)
    .set({ contactsCount: sql`${callLists.contactsCount} + ${added}` })
    .where(listIs(listId));
}

/** Counts the list's contacts afresh (a first import, which an erasure may have thinned meanwhile). */
export async function recount(q: Tx, listId: number): Promise<void> {
  await q.db
    .update(callLists)
    .set({ contactsCount: sql`(SELECT count(*) FROM ${contacts} WHERE ${contacts.listId} = ${listId})` })
    .where(listIs(listId));
}

export async function setImporting(q: Tx, listId: number, importing: boolean): Promise<void> {
  await q.db.update(callLists).set({ importing }).where(listIs(listId));
}

export async function dropContacts(q: Tx, listId: number): Promise<void> {
  await q.db.delete(contacts).where(eq(contacts.listId, listId));
}

export async function recordImport(
  q: Tx,
  entry: { listId: number; actor: string; bytes: number; rows: number; imported: number; updated: number; rejected: number; now: number },
): Promise<void> {
  const { now, ...counts } = entry;
  await q.db.insert(imports).values({ ...counts, createdAt: now });
}

/** False once the list has been deleted or its campaign archived (either may happen while its file is being parsed). */
export const listExists = async (q: Tx, listId: number): Promise<boolean> =>
  first(
    await q.db
      .select({ id: callLists.id })
      .from(callLists)
      .innerJoin(campaigns, eq(campaigns.id, callLists.campaignId))
      .where(and(listIs(listId), isNull(callLists.deletedAt), eq(campaigns.status, 'active'))),
  ) !== undefined;

/** Lists a first import was writing when the server stopped. */
export const interruptedImports = (q: Tx): Promise<{ id: number; associationId: number }[]> =>
  q.db.select({ id: callLists.id, associationId: callLists.associationId }).from(callLists).where(eq(callLists.importing, true));

/** Every number on the do-not-call register, for the parser to leave out. */
export const doNotCallNumbers = async (q: Tx): Promise<string[]> =>
  (await q.db.select({ phone: doNotCall.phone }).from(doNotCall)).map((row) => row.phone);

import { and, eq, getTableName, inArray, or, type SQL, sql } from 'drizzle-orm';
import { first, type Tx } from '../../db/store/store.ts';
import {
  assignments,
  callAnswers,
  callLists,
  calls,
  contacts,
  doNotCall,
  flags,
  newHelpers,
  roomPausedLists,
  stations,
} from '../../db/schema.ts';
import { CLAIM_LOCK } from '../calling/claim-statements.ts';
import { archiveAnswers, deleteNewHelpers, newHelpersOf } from '../questions/answer-archive.ts';
import { keepContact } from './district-archive.ts';

/** What a flag about an erased contact says from then on: its text was about that person. */
export const ERASED_FLAG_TEXT = '(raderad)';

/**
 * The tables an erasure (one person, or a list) deletes or rewrites people's rows in. Once it has
 * committed, their old row versions must go too: SQLite's WAL is emptied; PostgreSQL will VACUUM them.
 */
export const ERASED_TABLES: readonly string[] = [contacts, calls, callAnswers, assignments, flags, newHelpers, doNotCall].map(
  (table) => getTableName(table),
);

export interface Erased {
  contacts: number;
  calls: number;
  /** How many lists lost a contact. */
  lists: number;
}

/** A station's lease on an erased contact: the station (and its paired phone) must drop it at once. */
export interface WithdrawnLease {
  stationId: number;
  assignmentId: string;
}

// Removing people's data from the calling tables. Only the anonymous counters stay: the lists'
// attempts, answers, conversations and persons called, activity_hours and the shifts' figures, so
// leaderboards and totals never go backwards. Every function runs inside the caller's write.

const isActive = sql`${assignments.status} = 'active'`;

/** Numbers per statement: far under either store's limit on bound parameters. */
const RELEASE_CHUNK = 500;

/**
 * The numbers' other contacts were 'held' with the deleted leases (allocator invariant 2). Every
 * number's lock in one request, then one update per chunk: a purge holds the claim lock meanwhile,
 * and a round trip per number (thousands at a campaign's end) would keep every room's claims waiting.
 */
export async function releasePhones(q: Tx, phones: Iterable<string>): Promise<void> {
  const sorted = [...new Set(phones)].sort();
  if (sorted.length === 0) return;
  await q.lock(sorted.map((phone) => `phone:${phone}`));
  for (let start = 0; start < sorted.length; start += RELEASE_CHUNK) {
    const chunk = sorted.slice(start, start + RELEASE_CHUNK);
    await q.db
      .update(contacts)
      .set({ status: 'ready' })
      .where(and(inArray(contacts.phone, chunk), eq(contacts.status, 'held')));
  }
}

/** The flag stays (the board's history of who flagged when) without its text or its link. */
const unlinkFlags = (q: Tx, where: SQL, now: number) =>
  q.db
    .update(flags)
    .set({ contactId: null, message: ERASED_FLAG_TEXT, handledAt: sql`coalesce(${flags.handledAt}, CAST(${now} AS BIGINT))` })
    .where(where);

/**
 * Removes every contact with this number (as its number or its alternative one) from every
 * list, with its calls, leases and flags' link to it, and takes the number off the register.
 * A station holding one of them finds its lease gone: its report answers not_found.
 */
export async function erasePerson(q: Tx, phone: string, now: number): Promise<Erased & { withdrawn: WithdrawnLease[] }> {
  // Against an outcome or an import writing this number at the same time (PostgreSQL), and against
  // claims: one committing between the leases' read and their delete below would leave its number's
  // other contacts held by a lease deleted unreleased. Erasures are rare; claims wait for this one.
  await q.lock([CLAIM_LOCK, `phone:${phone}`]);
  const found = await q.db
    .select({ id: contacts.id, listId: contacts.listId })
    .from(contacts)
    .where(or(eq(contacts.phone, phone), eq(contacts.altPhone, phone)));
  const released = new Set<string>();
  const withdrawn: WithdrawnLease[] = [];
  const perList = new Map<number, number>();
  let callsDeleted = 0;
  // Said yes to helping, on any list: by the contacts found and by the number itself.
  await deleteNewHelpers(q, newHelpersOf(found.map((contact) => contact.id), phone));
  for (const contact of found) {
    const lease = first(
      await q.db
        .select({ id: assignments.id, stationId: assignments.stationId, phone: assignments.phone })
        .from(assignments)
        .where(and(eq(assignments.contactId, contact.id), isActive))
        .limit(1),
    );
    if (lease) {
      released.add(lease.phone);
      withdrawn.push({ stationId: lease.stationId, assignmentId: lease.id });
    }
    await keepContact(q, contact.id);
    await archiveAnswers(q, eq(calls.contactId, contact.id));
    callsDeleted += await q.run(q.db.delete(calls).where(eq(calls.contactId, contact.id)));
    await unlinkFlags(q, eq(flags.contactId, contact.id), now);
    await q.db.delete(assignments).where(eq(assignments.contactId, contact.id));
    await q.db.delete(contacts).where(eq(contacts.id, contact.id));
    perList.set(contact.listId, (perList.get(contact.listId) ?? 0) + 1);
  }
  // A re-import can change a contact's number: its older leases still name the old one.
  await q.db
    .update(assignments)
    .set({ phone: sql`(SELECT ${contacts.phone} FROM ${contacts} WHERE ${contacts.id} = ${assignments.contactId})` })
    .where(and(eq(assignments.phone, phone), sql`${assignments.status} <> 'active'`));
  for (const [listId, removed] of perList) {
    await q.db
      .update(callLists)
      .set({ contactsCount: sql`CASE WHEN ${callLists.contactsCount} > ${removed} THEN ${callLists.contactsCount} - ${removed} ELSE 0 END` })
      .where(eq(callLists.id, listId));
  }
  await releasePhones(q, released);
  // Not kept on the do-not-call register either: the register is a list of numbers, so keeping
  // it would keep the very personal data the person asked us to erase (a hash of a phone number
  // is no better: there are few enough numbers to try them all). The price: a later import can
  // bring the number back; whoever asked for erasure and not to be called must be told that.
  await q.db.delete(doNotCall).where(eq(doNotCall.phone, phone));
  return { contacts: found.length, calls: callsDeleted, lists: perList.size, withdrawn };
}

/** True while a first import is writing the list (it would go on writing after a delete). */
export const listImporting = async (q: Tx, listId: number): Promise<boolean> =>
  first(await q.db.select({ importing: callLists.importing }).from(callLists).where(eq(callLists.id, listId)))?.importing === true;

/**
 * Removes a list's contacts, their calls, leases and flags' links. The list row stays, emptied
 * and paused, as the anchor of its counters and activity_hours, which the leaderboards sum.
 */
export async function deleteListData(q: Tx, listId: number, now: number): Promise<Omit<Erased, 'lists'>> {
  // Against claims, as erasePerson: a lease committed after the read below would be deleted unreleased.
  await q.lock(CLAIM_LOCK);
  const contactsOf = q.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.listId, listId));
  const leased = await q.db
    .select({ phone: assignments.phone })
    .from(assignments)
    .innerJoin(contacts, eq(contacts.id, assignments.contactId))
    .where(and(isActive, eq(contacts.listId, listId)));
  await archiveAnswers(q, inArray(calls.contactId, contactsOf));
  await deleteNewHelpers(q, eq(newHelpers.listId, listId));
  const callsDeleted = await q.run(q.db.delete(calls).where(inArray(calls.contactId, contactsOf)));
  await unlinkFlags(q, inArray(flags.contactId, contactsOf), now);
  await q.db.delete(assignments).where(inArray(assignments.contactId, contactsOf));
  const contactsDeleted = await q.run(q.db.delete(contacts).where(eq(contacts.listId, listId)));
  await releasePhones(q, new Set(leased.map((row) => row.phone)));
  await q.db.update(callLists).set({ active: false, importing: false, contactsCount: 0, deletedAt: now }).where(eq(callLists.id, listId));
  await q.db.delete(roomPausedLists).where(eq(roomPausedLists.listId, listId));
  await q.db.update(stations).set({ listId: null }).where(eq(stations.listId, listId));
  return { contacts: contactsDeleted, calls: callsDeleted };
}

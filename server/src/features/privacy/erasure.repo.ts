import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { assignments, callLists, calls, contacts, doNotCall, flags, newHelpers, roomPausedLists, stations } from '../../db/schema.ts';
import { archiveAnswers, deleteNewHelpers, newHelpersOf } from '../questions/answer-archive.ts';
import { createDistrictArchive } from './district-archive.ts';

/** What a flag about an erased contact says from then on: its text was about that person. */
export const ERASED_FLAG_TEXT = '(raderad)';

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

/**
 * Removing people's data from the calling tables. Only the anonymous counters stay: the lists'
 * attempts, answers, conversations and persons called, activity_hours and the shifts' figures, so
 * leaderboards and totals never go backwards. Every function expects the caller's transaction.
 */
export function createErasureRepo(db: Db) {
  const archive = createDistrictArchive(db);
  // The number's other contacts were 'held' with the deleted lease (allocator invariant 2).
  const releasePhone = (phone: string) =>
    db
      .update(contacts)
      .set({ status: 'ready' })
      .where(and(eq(contacts.phone, phone), eq(contacts.status, 'held')))
      .run();
  // The flag stays (the board's history of who flagged when) without its text or its link.
  const unlinkFlags = (where: SQL, now: number) =>
    db
      .update(flags)
      .set({ contactId: null, message: ERASED_FLAG_TEXT, handledAt: sql`coalesce(${flags.handledAt}, ${now})` })
      .where(where)
      .run();
  const contactsOf = (listId: number) => db.select({ id: contacts.id }).from(contacts).where(eq(contacts.listId, listId));
  const isActive = sql`${assignments.status} = 'active'`;

  return {
    /**
     * Removes every contact with this number (as its number or its alternative one) from every
     * list, with its calls, leases and flags' link to it, and takes the number off the register.
     * A station holding one of them finds its lease gone: its report answers not_found.
     */
    erasePerson(phone: string, now: number): Erased & { withdrawn: WithdrawnLease[] } {
      const found = db
        .select({ id: contacts.id, listId: contacts.listId })
        .from(contacts)
        .where(or(eq(contacts.phone, phone), eq(contacts.altPhone, phone)))
        .all();
      const released = new Set<string>();
      const withdrawn: WithdrawnLease[] = [];
      const perList = new Map<number, number>();
      let callsDeleted = 0;
      // Said yes to helping, on any list: by the contacts found and by the number itself.
      deleteNewHelpers(db, newHelpersOf(found.map((contact) => contact.id), phone));
      for (const contact of found) {
        const lease = db
          .select({ id: assignments.id, stationId: assignments.stationId, phone: assignments.phone })
          .from(assignments)
          .where(and(eq(assignments.contactId, contact.id), isActive))
          .get();
        if (lease) {
          released.add(lease.phone);
          withdrawn.push({ stationId: lease.stationId, assignmentId: lease.id });
        }
        archive.keepContact(contact.id);
        archiveAnswers(db, eq(calls.contactId, contact.id));
        callsDeleted += db.delete(calls).where(eq(calls.contactId, contact.id)).run().changes;
        unlinkFlags(eq(flags.contactId, contact.id), now);
        db.delete(assignments).where(eq(assignments.contactId, contact.id)).run();
        db.delete(contacts).where(eq(contacts.id, contact.id)).run();
        perList.set(contact.listId, (perList.get(contact.listId) ?? 0) + 1);
      }
      // A re-import can change a contact's number: its older leases still name the old one.
      db.update(assignments)
        .set({ phone: sql`(SELECT ${contacts.phone} FROM ${contacts} WHERE ${contacts.id} = ${assignments.contactId})` })
        .where(and(eq(assignments.phone, phone), sql`${assignments.status} <> 'active'`))
        .run();
      for (const [listId, removed] of perList) {
        db.update(callLists)
          .set({ contactsCount: sql`max(${callLists.contactsCount} - ${removed}, 0)` })
          .where(eq(callLists.id, listId))
          .run();
      }
      for (const leased of released) releasePhone(leased);
      // Not kept on the do-not-call register either: the register is a list of numbers, so keeping
      // it would keep the very personal data the person asked us to erase (a hash of a phone number
      // is no better: there are few enough numbers to try them all). The price: a later import can
      // bring the number back; whoever asked for erasure and not to be called must be told that.
      db.delete(doNotCall).where(eq(doNotCall.phone, phone)).run();
      return { contacts: found.length, calls: callsDeleted, lists: perList.size, withdrawn };
    },

    /** True while a first import is writing the list (it would go on writing after a delete). */
    importing: (listId: number) =>
      db.select({ importing: callLists.importing }).from(callLists).where(eq(callLists.id, listId)).get()?.importing === true,

    /**
     * Removes a list's contacts, their calls, leases and flags' links. The list row stays, emptied
     * and paused, as the anchor of its counters and activity_hours, which the leaderboards sum.
     */
    deleteListData(listId: number, now: number): Omit<Erased, 'lists'> {
      const leased = db
        .select({ phone: assignments.phone })
        .from(assignments)
        .innerJoin(contacts, eq(contacts.id, assignments.contactId))
        .where(and(isActive, eq(contacts.listId, listId)))
        .all()
        .map((row) => row.phone);
      archiveAnswers(db, inArray(calls.contactId, contactsOf(listId)));
      deleteNewHelpers(db, eq(newHelpers.listId, listId));
      const callsDeleted = db.delete(calls).where(inArray(calls.contactId, contactsOf(listId))).run().changes;
      unlinkFlags(inArray(flags.contactId, contactsOf(listId)), now);
      db.delete(assignments).where(inArray(assignments.contactId, contactsOf(listId))).run();
      const contactsDeleted = db.delete(contacts).where(eq(contacts.listId, listId)).run().changes;
      for (const phone of leased) releasePhone(phone);
      db.update(callLists).set({ active: false, importing: false, contactsCount: 0, deletedAt: now }).where(eq(callLists.id, listId)).run();
      db.delete(roomPausedLists).where(eq(roomPausedLists.listId, listId)).run();
      db.update(stations).set({ listId: null }).where(eq(stations.listId, listId)).run();
      return { contacts: contactsDeleted, calls: callsDeleted };
    },
  };
}

export type ErasureRepo = ReturnType<typeof createErasureRepo>;

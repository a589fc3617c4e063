import type { Database } from 'better-sqlite3';
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
export function createErasureRepo(sqlite: Database) {
  const prepare = (sql: string) => sqlite.prepare(sql);
  const archive = createDistrictArchive(sqlite);
  const s = {
    matching: prepare('SELECT id, list_id FROM contacts WHERE phone = ? OR alt_phone = ?'),
    activeLease: prepare(`SELECT id, station_id, phone FROM assignments WHERE contact_id = ? AND status = 'active'`),
    deleteCalls: prepare('DELETE FROM calls WHERE contact_id = ?'),
    // The flag stays (the board's history of who flagged when) without its text or its link.
    unlinkFlags: prepare('UPDATE flags SET contact_id = NULL, message = @text, handled_at = COALESCE(handled_at, @now) WHERE contact_id = @id'),
    deleteAssignments: prepare('DELETE FROM assignments WHERE contact_id = ?'),
    deleteContact: prepare('DELETE FROM contacts WHERE id = ?'),
    // A re-import can change a contact's number: its older leases still name the old one.
    repointLeases: prepare(
      `UPDATE assignments SET phone = (SELECT c.phone FROM contacts c WHERE c.id = assignments.contact_id)
       WHERE phone = ? AND status <> 'active'`,
    ),
    uncount: prepare('UPDATE call_lists SET contacts_count = MAX(contacts_count - ?, 0) WHERE id = ?'),
    // The number's other contacts were 'held' with the deleted lease (allocator invariant 2).
    releasePhone: prepare(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
    forgetNumber: prepare('DELETE FROM do_not_call WHERE phone = ?'),

    listImporting: prepare('SELECT importing FROM call_lists WHERE id = ?'),
    listLeases: prepare(
      `SELECT a.phone FROM assignments a JOIN contacts c ON c.id = a.contact_id WHERE a.status = 'active' AND c.list_id = ?`,
    ),
    listCalls: prepare('DELETE FROM calls WHERE contact_id IN (SELECT id FROM contacts WHERE list_id = ?)'),
    listFlags: prepare(
      `UPDATE flags SET contact_id = NULL, message = @text, handled_at = COALESCE(handled_at, @now)
       WHERE contact_id IN (SELECT id FROM contacts WHERE list_id = @listId)`,
    ),
    listAssignments: prepare('DELETE FROM assignments WHERE contact_id IN (SELECT id FROM contacts WHERE list_id = ?)'),
    listContacts: prepare('DELETE FROM contacts WHERE list_id = ?'),
    retireList: prepare('UPDATE call_lists SET active = 0, importing = 0, contacts_count = 0, deleted_at = ? WHERE id = ?'),
    listPauses: prepare('DELETE FROM room_paused_lists WHERE list_id = ?'),
    unfixStations: prepare('UPDATE stations SET list_id = NULL WHERE list_id = ?'),
  };

  return {
    /**
     * Removes every contact with this number (as its number or its alternative one) from every
     * list, with its calls, leases and flags' link to it, and takes the number off the register.
     * A station holding one of them finds its lease gone: its report answers not_found.
     */
    erasePerson(phone: string, now: number): Erased & { withdrawn: WithdrawnLease[] } {
      const found = s.matching.all(phone, phone) as { id: number; list_id: number }[];
      const released = new Set<string>();
      const withdrawn: WithdrawnLease[] = [];
      const perList = new Map<number, number>();
      let calls = 0;
      for (const contact of found) {
        const lease = s.activeLease.get(contact.id) as { id: string; station_id: number; phone: string } | undefined;
        if (lease) {
          released.add(lease.phone);
          withdrawn.push({ stationId: lease.station_id, assignmentId: lease.id });
        }
        archive.keepContact(contact.id);
        calls += s.deleteCalls.run(contact.id).changes;
        s.unlinkFlags.run({ id: contact.id, text: ERASED_FLAG_TEXT, now });
        s.deleteAssignments.run(contact.id);
        s.deleteContact.run(contact.id);
        perList.set(contact.list_id, (perList.get(contact.list_id) ?? 0) + 1);
      }
      s.repointLeases.run(phone);
      for (const [listId, removed] of perList) s.uncount.run(removed, listId);
      for (const leased of released) s.releasePhone.run(leased);
      // Not kept on the do-not-call register either: the register is a list of numbers, so keeping
      // it would keep the very personal data the person asked us to erase (a hash of a phone number
      // is no better: there are few enough numbers to try them all). The price: a later import can
      // bring the number back; whoever asked for erasure and not to be called must be told that.
      s.forgetNumber.run(phone);
      return { contacts: found.length, calls, lists: perList.size, withdrawn };
    },

    /** True while a first import is writing the list (it would go on writing after a delete). */
    importing: (listId: number) => (s.listImporting.get(listId) as { importing: number } | undefined)?.importing === 1,

    /**
     * Removes a list's contacts, their calls, leases and flags' links. The list row stays, emptied
     * and paused, as the anchor of its counters and activity_hours, which the leaderboards sum.
     */
    deleteListData(listId: number, now: number): Omit<Erased, 'lists'> {
      const leased = (s.listLeases.all(listId) as { phone: string }[]).map((row) => row.phone);
      const calls = s.listCalls.run(listId).changes;
      s.listFlags.run({ listId, text: ERASED_FLAG_TEXT, now });
      s.listAssignments.run(listId);
      const contacts = s.listContacts.run(listId).changes;
      for (const phone of leased) s.releasePhone.run(phone);
      s.retireList.run(now, listId);
      s.listPauses.run(listId);
      s.unfixStations.run(listId);
      return { contacts, calls };
    },
  };
}

export type ErasureRepo = ReturnType<typeof createErasureRepo>;

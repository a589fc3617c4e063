import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import {
  accessTokens,
  assignments,
  associationTokens,
  callLists,
  calls,
  contacts,
  doNotCall,
  flags,
  listScripts,
  roomMessages,
  shifts,
  stations,
  teams,
} from '../../db/schema.ts';
import { archiveAnswers, deleteNewHelpers } from '../questions/answer-archive.ts';
import { createDistrictArchive } from './district-archive.ts';
import { ERASED_FLAG_TEXT } from './erasure.repo.ts';

export interface Purged {
  contacts: number;
  calls: number;
  doNotCall: number;
  shifts: number;
}

/** The key volunteer-totals.ts counts distinct volunteers by (with the association). */
const volunteerKey = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase('sv');

/**
 * The end of a campaign: every person's data goes, the anonymous statistics stay. Kept: the lists
 * and their counters (contacts too: the campaign's final coverage), activity_hours, the shifts'
 * times and figures, imports and the audit log. Free text people wrote goes too, since it names
 * people as often as not ("Annas lista", "Kalle Kassör (ordförande)", "Anna Volontärsson hemma",
 * a script's "fråga efter Kalle"): lists become "Lista N", stations "Station N", and links'
 * labels and scripts are emptied. Call inside a transaction.
 */
export function createPurgeRepo(db: Db) {
  const archive = createDistrictArchive(db);

  /**
   * Volunteers are people too: each name becomes "Volontär N", one N per volunteer, so the
   * volunteer counts (which tell volunteers apart by name) come out the same as before.
   */
  function pseudonymiseShifts(): number {
    const labels = new Map<string, string>();
    const all = db.select({ id: shifts.id, name: shifts.name }).from(shifts).orderBy(asc(shifts.id)).all();
    for (const shift of all) {
      const key = volunteerKey(shift.name);
      let label = labels.get(key);
      if (label === undefined) labels.set(key, (label = `Volontär ${labels.size + 1}`));
      db.update(shifts).set({ name: label }).where(eq(shifts.id, shift.id)).run();
    }
    return all.length;
  }

  return {
    purgeAll(now: number): Purged {
      // The districts' figures stay as anonymous counts (list progress adds them to the live ones).
      archive.keepAll();
      // So do the answers (counts per list, question, value and district); the answers and the new helpers go.
      archiveAnswers(db);
      deleteNewHelpers(db);
      // Children first: with nothing referencing them, the contacts delete checks no foreign keys row by row.
      const callsDeleted = db.delete(calls).run().changes;
      db.update(flags)
        .set({ contactId: null, message: ERASED_FLAG_TEXT, handledAt: sql`coalesce(${flags.handledAt}, ${now})` })
        .run();
      db.delete(assignments).run();
      const contactsDeleted = db.delete(contacts).run().changes;
      const doNotCallDeleted = db.delete(doNotCall).run().changes;
      // A leader's messages to the stations are free text about the evening, and often about people.
      db.delete(roomMessages).run();
      db.update(callLists).set({ name: sql`'Lista ' || ${callLists.id}`, script: null, instructions: null }).run();
      db.delete(listScripts).run();
      // Remote stations carry the name a leader gave them ("Anna hemma"); the others already read "Station N".
      db.update(stations).set({ name: sql`'Station ' || ${stations.number}` }).run();
      db.update(accessTokens).set({ label: null }).run();
      db.update(associationTokens).set({ label: null }).run();
      // A team's captain is a person, named.
      db.update(teams).set({ captain: '' }).run();
      return { contacts: contactsDeleted, calls: callsDeleted, doNotCall: doNotCallDeleted, shifts: pseudonymiseShifts() };
    },
  };
}

export type PurgeRepo = ReturnType<typeof createPurgeRepo>;

import type { Database } from 'better-sqlite3';
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
export function createPurgeRepo(sqlite: Database) {
  const archive = createDistrictArchive(sqlite);
  const shiftNames = sqlite.prepare('SELECT id, name FROM shifts ORDER BY id');
  const renameShift = sqlite.prepare('UPDATE shifts SET name = ? WHERE id = ?');
  // Children first: with nothing referencing them, the contacts delete checks no foreign keys row by row.
  const statements = {
    calls: sqlite.prepare('DELETE FROM calls'),
    flags: sqlite.prepare('UPDATE flags SET contact_id = NULL, message = ?, handled_at = COALESCE(handled_at, ?)'),
    assignments: sqlite.prepare('DELETE FROM assignments'),
    contacts: sqlite.prepare('DELETE FROM contacts'),
    doNotCall: sqlite.prepare('DELETE FROM do_not_call'),
    // A leader's messages to the stations are free text about the evening, and often about people.
    roomMessages: sqlite.prepare('DELETE FROM room_messages'),
    listNames: sqlite.prepare(`UPDATE call_lists SET name = 'Lista ' || id, script = NULL, instructions = NULL`),
    listScripts: sqlite.prepare('DELETE FROM list_scripts'),
    // Remote stations carry the name a leader gave them ("Anna hemma"); the others already read "Station N".
    stationNames: sqlite.prepare(`UPDATE stations SET name = 'Station ' || number`),
    leaderLabels: sqlite.prepare('UPDATE access_tokens SET label = NULL'),
    associationLabels: sqlite.prepare('UPDATE association_tokens SET label = NULL'),
    // A team's captain is a person, named.
    teamCaptains: sqlite.prepare(`UPDATE teams SET captain = ''`),
  };

  /**
   * Volunteers are people too: each name becomes "Volontär N", one N per volunteer, so the
   * volunteer counts (which tell volunteers apart by name) come out the same as before.
   */
  function pseudonymiseShifts(): number {
    const labels = new Map<string, string>();
    const shifts = shiftNames.all() as { id: number; name: string }[];
    for (const shift of shifts) {
      const key = volunteerKey(shift.name);
      let label = labels.get(key);
      if (label === undefined) labels.set(key, (label = `Volontär ${labels.size + 1}`));
      renameShift.run(label, shift.id);
    }
    return shifts.length;
  }

  return {
    purgeAll(now: number): Purged {
      // The districts' figures stay as anonymous counts (list progress adds them to the live ones).
      archive.keepAll();
      const calls = statements.calls.run().changes;
      statements.flags.run(ERASED_FLAG_TEXT, now);
      statements.assignments.run();
      const contacts = statements.contacts.run().changes;
      const doNotCall = statements.doNotCall.run().changes;
      statements.roomMessages.run();
      for (const statement of [statements.listNames, statements.listScripts, statements.stationNames, statements.leaderLabels, statements.associationLabels, statements.teamCaptains]) {
        statement.run();
      }
      return { contacts, calls, doNotCall, shifts: pseudonymiseShifts() };
    },
  };
}

export type PurgeRepo = ReturnType<typeof createPurgeRepo>;

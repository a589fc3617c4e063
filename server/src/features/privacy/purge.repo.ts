import { and, asc, eq, inArray, like, not, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import {
  accessTokens,
  assignments,
  associationTokens,
  callLists,
  callingSessions,
  calls,
  contacts,
  doNotCall,
  flags,
  listScripts,
  newHelpers,
  roomMessages,
  shifts,
  stations,
  teams,
} from '../../db/schema.ts';
import { archiveAnswers, deleteNewHelpers } from '../questions/answer-archive.ts';
import { volunteerKey } from '../figures/campaign-figures.ts';
import { createDistrictArchive } from './district-archive.ts';
import { ERASED_FLAG_TEXT } from './erasure.repo.ts';
import type { WithdrawnLease } from './erasure.repo.ts';

export interface Purged {
  contacts: number;
  calls: number;
  answers: number;
  newHelpers: number;
  doNotCall: number;
  shifts: number;
  /** The stations that held one of the people when they went: they drop them. */
  withdrawn: WithdrawnLease[];
}

/** Everything (the purge), or one campaign (archiving it). */
export type PurgeScope = 'everything' | { campaignId: number };

const PSEUDONYM = /^Volontär (\d+)$/;

/**
 * The end of a campaign (or of all of them): every person's data goes, the anonymous statistics
 * stay. Kept: the lists and their counters (contacts too: the campaign's final coverage), the
 * districts' figures and the answers as counts, activity_hours, the shifts' times and figures,
 * imports and the audit log. Free text people wrote goes too, since it names people as often as
 * not ("Annas lista", "Kalle Kassör (ordförande)", "Anna Volontärsson hemma", a script's "fråga
 * efter Kalle"): lists become "Lista N" and their scripts are emptied; for everything, also
 * stations become "Station N" and links' labels are emptied. Call inside a transaction.
 */
export function createPurgeRepo(db: Db) {
  const archive = createDistrictArchive(db);

  /** The WHERE of each table's rows in scope; undefined: every row. */
  function filters(scope: PurgeScope) {
    if (scope === 'everything') return {};
    const lists = db.select({ id: callLists.id }).from(callLists).where(eq(callLists.campaignId, scope.campaignId));
    const ofContacts = db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.listId, lists));
    const sessions = db.select({ id: callingSessions.id }).from(callingSessions).where(eq(callingSessions.campaignId, scope.campaignId));
    return {
      lists: eq(callLists.campaignId, scope.campaignId),
      listScripts: inArray(listScripts.listId, lists),
      contacts: inArray(contacts.listId, lists),
      calls: inArray(calls.listId, lists),
      newHelpers: inArray(newHelpers.listId, lists),
      flags: inArray(flags.contactId, ofContacts),
      assignments: inArray(assignments.contactId, ofContacts),
      teams: inArray(teams.sessionId, sessions),
      shifts: eq(shifts.campaignId, scope.campaignId),
    } satisfies Record<string, SQL>;
  }

  /**
   * Volunteers are people too: each name becomes "Volontär N", one N per volunteer, so the
   * volunteer counts (which tell volunteers apart by name) come out the same as before. An
   * archived campaign's numbers follow those already given, so two archived campaigns' volunteers
   * never share a name.
   */
  function pseudonymiseShifts(inScope: SQL | undefined): number {
    let next = 0;
    if (inScope) {
      for (const { name } of db.select({ name: shifts.name }).from(shifts).where(and(not(inScope), like(shifts.name, 'Volontär %'))).all()) {
        next = Math.max(next, Number(PSEUDONYM.exec(name)?.[1] ?? 0));
      }
    }
    const labels = new Map<string, string>();
    const all = db.select({ id: shifts.id, name: shifts.name, associationId: shifts.associationId }).from(shifts).where(inScope).orderBy(asc(shifts.id)).all();
    for (const shift of all) {
      const key = volunteerKey(shift);
      let label = labels.get(key);
      if (label === undefined) labels.set(key, (label = `Volontär ${next + labels.size + 1}`));
      db.update(shifts).set({ name: label }).where(eq(shifts.id, shift.id)).run();
    }
    return all.length;
  }

  /** Things no campaign owns, purged only with everything. */
  function purgeShared(): number {
    const doNotCallDeleted = db.delete(doNotCall).run().changes;
    // A leader's messages to the stations are free text about the evening, and often about people.
    db.delete(roomMessages).run();
    // Remote stations carry the name a leader gave them ("Anna hemma"); the others already read "Station N".
    db.update(stations).set({ name: sql`'Station ' || ${stations.number}` }).run();
    db.update(accessTokens).set({ label: null }).run();
    db.update(associationTokens).set({ label: null }).run();
    return doNotCallDeleted;
  }

  return {
    purge(scope: PurgeScope, now: number): Purged {
      const where = filters(scope);
      // The districts' figures stay as anonymous counts (list progress adds them to the live ones), and so do the answers.
      archive.keepAll(where.contacts);
      const answersDeleted = archiveAnswers(db, where.calls);
      const withdrawn = db
        .select({ stationId: assignments.stationId, assignmentId: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.status, 'active'), where.assignments))
        .all();
      // Children first: with nothing referencing them, the contacts delete checks no foreign keys row by row.
      const newHelpersDeleted = deleteNewHelpers(db, where.newHelpers);
      const callsDeleted = db.delete(calls).where(where.calls).run().changes;
      db.update(flags)
        .set({ contactId: null, message: ERASED_FLAG_TEXT, handledAt: sql`coalesce(${flags.handledAt}, ${now})` })
        .where(where.flags)
        .run();
      db.delete(assignments).where(where.assignments).run();
      const contactsDeleted = db.delete(contacts).where(where.contacts).run().changes;
      const doNotCallDeleted = scope === 'everything' ? purgeShared() : 0;
      // An archived campaign's lists are called no more (their contacts are gone, and imports stop too).
      const listChange = { name: sql`'Lista ' || ${callLists.id}`, script: null, instructions: null };
      db.update(callLists)
        .set(scope === 'everything' ? listChange : { ...listChange, active: false })
        .where(where.lists)
        .run();
      db.delete(listScripts).where(where.listScripts).run();
      // A team's captain is a person, named.
      db.update(teams).set({ captain: '' }).where(where.teams).run();
      return {
        contacts: contactsDeleted,
        calls: callsDeleted,
        answers: answersDeleted,
        newHelpers: newHelpersDeleted,
        doNotCall: doNotCallDeleted,
        shifts: pseudonymiseShifts(where.shifts),
        withdrawn,
      };
    },
  };
}

export type PurgeRepo = ReturnType<typeof createPurgeRepo>;

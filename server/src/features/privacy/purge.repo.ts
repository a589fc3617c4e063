import { and, asc, eq, getTableName, inArray, not, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/store/store.ts';
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
import { CLAIM_LOCK } from '../calling/claim-statements.ts';
import { archiveAnswers, deleteNewHelpers } from '../questions/answer-archive.ts';
import { volunteerKey } from '../figures/campaign-figures.ts';
import { highestPseudonym, pseudonym } from '../figures/volunteer-pseudonym.ts';
import { keepAllContacts } from './district-archive.ts';
import { ERASED_FLAG_TEXT, ERASED_TABLES, releasePhones, type WithdrawnLease } from './erasure.repo.ts';

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

/**
 * The tables the purge deletes or rewrites people's rows in (the volunteers' own are theirs): once
 * it has committed, their old row versions must go too (SQLite: VACUUM and the WAL emptied;
 * PostgreSQL will VACUUM them).
 */
export const PURGED_TABLES: readonly string[] = [
  ...ERASED_TABLES,
  ...[shifts, roomMessages, stations, accessTokens, associationTokens, callLists, listScripts, teams].map((table) => getTableName(table)),
];

/** The WHERE of each table's rows in scope; undefined: every row. */
function filters(q: Tx, scope: PurgeScope) {
  if (scope === 'everything') return {};
  const { db } = q;
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
async function pseudonymiseShifts(q: Tx, inScope: SQL | undefined): Promise<number> {
  const next = inScope ? await highestPseudonym(q, not(inScope)) : 0;
  const labels = new Map<string, string>();
  const all = await q.db.select({ id: shifts.id, name: shifts.name, associationId: shifts.associationId }).from(shifts).where(inScope).orderBy(asc(shifts.id));
  for (const shift of all) {
    const key = volunteerKey(shift);
    let label = labels.get(key);
    if (label === undefined) labels.set(key, (label = pseudonym(next + labels.size + 1)));
    await q.db.update(shifts).set({ name: label }).where(eq(shifts.id, shift.id));
  }
  return all.length;
}

/** Things no campaign owns, purged only with everything. */
async function purgeShared(q: Tx): Promise<number> {
  const doNotCallDeleted = await q.run(q.db.delete(doNotCall));
  // A leader's messages to the stations are free text about the evening, and often about people.
  await q.db.delete(roomMessages);
  // Remote stations carry the name a leader gave them ("Anna hemma"); the others already read "Station N".
  await q.db.update(stations).set({ name: sql`'Station ' || ${stations.number}` });
  await q.db.update(accessTokens).set({ label: null });
  await q.db.update(associationTokens).set({ label: null });
  return doNotCallDeleted;
}

/**
 * The end of a campaign (or of all of them): every person's data goes, the anonymous statistics
 * stay. Kept: the lists and their counters (contacts too: the campaign's final coverage), the
 * districts' figures and the answers as counts, activity_hours, the shifts' times and figures,
 * imports and the audit log. Free text people wrote goes too, since it names people as often as
 * not ("Annas lista", "Kalle Kassör (ordförande)", "Anna Volontärsson hemma", a script's "fråga
 * efter Kalle"): lists become "Lista N" and their scripts are emptied; for everything, also
 * stations become "Station N" and links' labels are emptied. Call inside a write.
 */
export async function purge(q: Tx, scope: PurgeScope, now: number): Promise<Purged> {
  // Against claims, as deleteListData: a lease committed after the read below would be deleted unreleased.
  await q.lock(CLAIM_LOCK);
  const where = filters(q, scope);
  // The districts' figures stay as anonymous counts (list progress adds them to the live ones), and so do the answers.
  await keepAllContacts(q, where.contacts);
  const answersDeleted = await archiveAnswers(q, where.calls);
  const leases = await q.db
    .select({ stationId: assignments.stationId, assignmentId: assignments.id, phone: assignments.phone })
    .from(assignments)
    .where(and(eq(assignments.status, 'active'), where.assignments));
  // Children first: with nothing referencing them, the contacts delete checks no foreign keys row by row.
  const newHelpersDeleted = await deleteNewHelpers(q, where.newHelpers);
  const callsDeleted = await q.run(q.db.delete(calls).where(where.calls));
  await q.db
    .update(flags)
    .set({ contactId: null, message: ERASED_FLAG_TEXT, handledAt: sql`coalesce(${flags.handledAt}, CAST(${now} AS BIGINT))` })
    .where(where.flags);
  await q.db.delete(assignments).where(where.assignments);
  const contactsDeleted = await q.run(q.db.delete(contacts).where(where.contacts));
  // A number called through an archived list may stand on another campaign's lists too, held with it.
  await releasePhones(q, new Set(leases.map((lease) => lease.phone)));
  const doNotCallDeleted = scope === 'everything' ? await purgeShared(q) : 0;
  // An archived campaign's lists are called no more (their contacts are gone, and imports stop too).
  const listChange = { name: sql`'Lista ' || ${callLists.id}`, script: null, instructions: null };
  await q.db
    .update(callLists)
    .set(scope === 'everything' ? listChange : { ...listChange, active: false })
    .where(where.lists);
  await q.db.delete(listScripts).where(where.listScripts);
  // A team's captain is a person, named.
  await q.db.update(teams).set({ captain: '' }).where(where.teams);
  return {
    contacts: contactsDeleted,
    calls: callsDeleted,
    answers: answersDeleted,
    newHelpers: newHelpersDeleted,
    doNotCall: doNotCallDeleted,
    shifts: await pseudonymiseShifts(q, where.shifts),
    withdrawn: leases.map(({ stationId, assignmentId }) => ({ stationId, assignmentId })),
  };
}

import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Campaign } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { callLists, callingSessions, listQuestions, listScripts } from '../../db/schema.ts';

export interface TemplateDeps {
  db: Db;
  /** The campaign clock: sessions move by whole local days, so 18:00 stays 18:00 across a DST change. */
  timeZone: string;
  /** Sessions' own rules (features/sessions): a room holds one session at a time. */
  sessions: {
    overlaps: (roomId: number, startsAt: number, endsAt: number) => Promise<boolean>;
    insert: (roomId: number, startsAt: number, endsAt: number, capacity: number, campaignId: number, now: number) => Promise<number>;
  };
  now: () => number;
}

/** What a copy made, for the audit row: counts only. */
export interface Copied {
  sessions: number;
  /** Moved sessions that would overlap one the room already has: left out. */
  sessionsSkipped: number;
  lists: number;
  questions: number;
}

/**
 * A campaign copied as a template: its rooms' session pattern moved by the whole weeks nearest the days between the two
 * start dates, and its lists as empty lists of the same associations with their scripts, settings
 * and questions, plus the campaign-wide questions. No people: no contacts, bookings, teams or
 * shifts. Call inside the write that makes the new campaign.
 */
export function createTemplateCopier(deps: TemplateDeps) {
  const { db, timeZone } = deps;

  async function copySessions(from: Campaign, to: Campaign, now: number): Promise<Pick<Copied, 'sessions' | 'sessionsSkipped'>> {
    // Whole weeks nearest the days between the starts: a pattern of Tuesday and Thursday evenings stays one.
    const between = DateTime.fromISO(to.startsOn, { zone: timeZone }).diff(DateTime.fromISO(from.startsOn, { zone: timeZone }), 'days').days;
    const days = Math.round(between / 7) * 7;
    const move = (at: number) => DateTime.fromMillis(at, { zone: timeZone }).plus({ days }).toMillis();
    const source = db
      .select({ roomId: callingSessions.roomId, startsAt: callingSessions.startsAt, endsAt: callingSessions.endsAt, capacity: callingSessions.capacity })
      .from(callingSessions)
      .where(and(eq(callingSessions.campaignId, from.id), isNull(callingSessions.cancelledAt)))
      .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id))
      .all();
    let sessions = 0;
    for (const session of source) {
      const startsAt = move(session.startsAt);
      const endsAt = move(session.endsAt);
      if (await deps.sessions.overlaps(session.roomId, startsAt, endsAt)) continue;
      await deps.sessions.insert(session.roomId, startsAt, endsAt, session.capacity, to.id, now);
      sessions += 1;
    }
    return { sessions, sessionsSkipped: source.length - sessions };
  }

  /** The questions of a list (or of the campaign) that are still asked, with their keys, so answers stay comparable. */
  function copyQuestions(where: SQL, owner: { listId: number } | { campaignId: number }): number {
    const questions = db.select().from(listQuestions).where(and(where, isNull(listQuestions.retiredAt))).orderBy(asc(listQuestions.position)).all();
    for (const { key, kind, text, options, position } of questions) {
      db.insert(listQuestions).values({ listId: null, campaignId: null, ...owner, key, kind, text, options, position }).run();
    }
    return questions.length;
  }

  function copyLists(from: Campaign, to: Campaign, now: number): Pick<Copied, 'lists' | 'questions'> {
    const source = db
      .select()
      .from(callLists)
      .where(and(eq(callLists.campaignId, from.id), isNull(callLists.deletedAt)))
      .orderBy(asc(callLists.id))
      .all();
    let questions = copyQuestions(eq(listQuestions.campaignId, from.id), { campaignId: to.id });
    for (const list of source) {
      const { id } = db
        .insert(callLists)
        .values({
          associationId: list.associationId,
          name: list.name,
          script: list.script,
          instructions: list.instructions,
          notesEnabled: list.notesEnabled,
          campaignId: to.id,
          createdAt: now,
        })
        .returning({ id: callLists.id })
        .get();
      for (const script of db.select().from(listScripts).where(eq(listScripts.listId, list.id)).all()) {
        db.insert(listScripts).values({ ...script, listId: id }).run();
      }
      questions += copyQuestions(eq(listQuestions.listId, list.id), { listId: id });
    }
    return { lists: source.length, questions };
  }

  return {
    async copy(from: Campaign, to: Campaign): Promise<Copied> {
      const now = deps.now();
      return { ...(await copySessions(from, to, now)), ...copyLists(from, to, now) };
    },
  };
}

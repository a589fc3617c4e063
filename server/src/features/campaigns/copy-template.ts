import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Campaign } from '@ringstuga/shared';
import { callLists, callingSessions, listQuestions, listScripts } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

export interface TemplateDeps {
  /** The campaign clock: sessions move by whole local days, so 18:00 stays 18:00 across a DST change. */
  timeZone: string;
  /** Sessions' own rules (features/sessions): a room holds one session at a time. */
  sessions: {
    overlaps: (q: Tx, roomId: number, startsAt: number, endsAt: number) => boolean | Promise<boolean>;
    insert: (q: Tx, roomId: number, startsAt: number, endsAt: number, capacity: number, campaignId: number, now: number) => number | Promise<number>;
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
  const { timeZone } = deps;

  async function copySessions(q: Tx, from: Campaign, to: Campaign, now: number): Promise<Pick<Copied, 'sessions' | 'sessionsSkipped'>> {
    // Whole weeks nearest the days between the starts: a pattern of Tuesday and Thursday evenings stays one.
    const between = DateTime.fromISO(to.startsOn, { zone: timeZone }).diff(DateTime.fromISO(from.startsOn, { zone: timeZone }), 'days').days;
    const days = Math.round(between / 7) * 7;
    const move = (at: number) => DateTime.fromMillis(at, { zone: timeZone }).plus({ days }).toMillis();
    const source = await q.db
      .select({ roomId: callingSessions.roomId, startsAt: callingSessions.startsAt, endsAt: callingSessions.endsAt, capacity: callingSessions.capacity })
      .from(callingSessions)
      .where(and(eq(callingSessions.campaignId, from.id), isNull(callingSessions.cancelledAt)))
      .orderBy(asc(callingSessions.startsAt), asc(callingSessions.id));
    let sessions = 0;
    for (const session of source) {
      const startsAt = move(session.startsAt);
      const endsAt = move(session.endsAt);
      if (await deps.sessions.overlaps(q, session.roomId, startsAt, endsAt)) continue;
      await deps.sessions.insert(q, session.roomId, startsAt, endsAt, session.capacity, to.id, now);
      sessions += 1;
    }
    return { sessions, sessionsSkipped: source.length - sessions };
  }

  /** The questions of a list (or of the campaign) that are still asked, with their keys, so answers stay comparable. */
  async function copyQuestions(q: Tx, where: SQL, owner: { listId: number } | { campaignId: number }): Promise<number> {
    const questions = await q.db.select().from(listQuestions).where(and(where, isNull(listQuestions.retiredAt))).orderBy(asc(listQuestions.position));
    for (const { key, kind, text, options, position } of questions) {
      await q.db.insert(listQuestions).values({ listId: null, campaignId: null, ...owner, key, kind, text, options, position });
    }
    return questions.length;
  }

  async function copyLists(q: Tx, from: Campaign, to: Campaign, now: number): Promise<Pick<Copied, 'lists' | 'questions'>> {
    const source = await q.db
      .select()
      .from(callLists)
      .where(and(eq(callLists.campaignId, from.id), isNull(callLists.deletedAt)))
      .orderBy(asc(callLists.id));
    let questions = await copyQuestions(q, eq(listQuestions.campaignId, from.id), { campaignId: to.id });
    for (const list of source) {
      const [made] = await q.db
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
        .returning({ id: callLists.id });
      const id = made!.id;
      for (const script of await q.db.select().from(listScripts).where(eq(listScripts.listId, list.id))) {
        await q.db.insert(listScripts).values({ ...script, listId: id });
      }
      questions += await copyQuestions(q, eq(listQuestions.listId, list.id), { listId: id });
    }
    return { lists: source.length, questions };
  }

  return {
    async copy(q: Tx, from: Campaign, to: Campaign): Promise<Copied> {
      const now = deps.now();
      return { ...(await copySessions(q, from, to, now)), ...(await copyLists(q, from, to, now)) };
    },
  };
}

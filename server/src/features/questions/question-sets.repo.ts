import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Question } from '@ringstuga/shared';
import { first, type Tx } from '../../db/store/store.ts';
import { answerArchive, callAnswers, callLists, calls, campaigns, listQuestions } from '../../db/schema.ts';
import type { QuestionRow } from '../lists/list-questions.ts';

// The question sets as their owners edit them: replaced whole, keeping what answers already rely on.

/** Whose set: a list's own questions, or a whole campaign's. */
export type QuestionOwner = { listId: number } | { campaignId: number };

export type SaveResult = { ok: true; saved: number; retired: number; deleted: number } | { ok: false; message: string };

const ownedBy = (owner: QuestionOwner) =>
  'listId' in owner ? eq(listQuestions.listId, owner.listId) : eq(listQuestions.campaignId, owner.campaignId);

/** The lists whose calls an owner's questions are answered on. */
async function listsOf(q: Tx, owner: QuestionOwner): Promise<number[]> {
  if ('listId' in owner) return [owner.listId];
  const rows = await q.db.select({ id: callLists.id }).from(callLists).where(eq(callLists.campaignId, owner.campaignId));
  return rows.map((row) => row.id);
}

/** Question key → the values answered to it on these lists, live or archived. */
async function answeredValues(q: Tx, listIds: number[]): Promise<Map<string, Set<string>>> {
  const answered = new Map<string, Set<string>>();
  if (listIds.length === 0) return answered;
  const live = await q.db
    .selectDistinct({ key: callAnswers.questionKey, value: callAnswers.value })
    .from(callAnswers)
    .innerJoin(calls, eq(calls.id, callAnswers.callId))
    .where(inArray(calls.listId, listIds));
  const archived = await q.db
    .selectDistinct({ key: answerArchive.questionKey, value: answerArchive.value })
    .from(answerArchive)
    .where(and(inArray(answerArchive.listId, listIds), sql`${answerArchive.count} > 0`));
  for (const { key, value } of [...live, ...archived]) answered.set(key, (answered.get(key) ?? new Set()).add(value));
  return answered;
}

/** Keys the other level already uses on these lists: a list's own key may not repeat its campaign's, nor the reverse. */
async function keysOfOtherLevel(q: Tx, owner: QuestionOwner, listIds: number[]): Promise<Set<string>> {
  const live = isNull(listQuestions.retiredAt);
  const rows =
    'listId' in owner
      ? await q.db
          .select({ key: listQuestions.key })
          .from(listQuestions)
          .where(and(live, sql`${listQuestions.campaignId} = (SELECT campaign_id FROM call_lists WHERE id = ${owner.listId})`))
      : listIds.length === 0
        ? []
        : await q.db
            .select({ key: listQuestions.key })
            .from(listQuestions)
            .where(and(live, inArray(listQuestions.listId, listIds)));
  return new Set(rows.map((row) => row.key));
}

function refusal(question: Question, old: QuestionRow | undefined, answered: Set<string> | undefined): string | undefined {
  if (!old || !answered) return undefined;
  if (old.kind !== question.kind) return `The question ${question.key} has answers: its kind stays ${old.kind}`;
  const kept = new Set(question.options?.map((option) => option.key));
  const lost = question.kind === 'choice' ? [...answered].filter((value) => !kept.has(value)) : [];
  return lost.length > 0 ? `The question ${question.key} has answers ${lost.join(', ')}: those options stay` : undefined;
}

export const campaignStatus = async (q: Tx, id: number) =>
  first(await q.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)))?.status;

/**
 * Replaces the owner's set, in order. An answered question keeps its kind and its answered
 * options; one left out is retired (its answers still count in the totals), an unanswered one deleted.
 * Call inside a write; refuses before writing anything.
 */
export async function replaceQuestionSet(q: Tx, owner: QuestionOwner, questions: Question[], now: number): Promise<SaveResult> {
  const listIds = await listsOf(q, owner);
  const existing = new Map((await q.db.select().from(listQuestions).where(ownedBy(owner))).map((row) => [row.key, row]));
  const answered = await answeredValues(q, listIds);
  const taken = await keysOfOtherLevel(q, owner, listIds);
  for (const question of questions) {
    if (taken.has(question.key)) {
      return { ok: false, message: `The key ${question.key} is already used by ${'listId' in owner ? "the campaign's questions" : "a list's own questions"}` };
    }
    const problem = refusal(question, existing.get(question.key), answered.get(question.key));
    if (problem) return { ok: false, message: problem };
  }
  const owned = 'listId' in owner ? { listId: owner.listId, campaignId: null } : { listId: null, campaignId: owner.campaignId };
  for (const [position, question] of questions.entries()) {
    const values = { kind: question.kind, text: question.text, options: question.options ?? null, position, retiredAt: null };
    const old = existing.get(question.key);
    if (old) await q.db.update(listQuestions).set(values).where(eq(listQuestions.id, old.id));
    else await q.db.insert(listQuestions).values({ ...owned, key: question.key, ...values });
  }
  const kept = new Set(questions.map((question) => question.key));
  let retired = 0;
  let deleted = 0;
  for (const old of existing.values()) {
    if (kept.has(old.key)) continue;
    if (answered.has(old.key)) {
      if (old.retiredAt === null) retired += 1;
      await q.db
        .update(listQuestions)
        .set({ retiredAt: sql`COALESCE(${listQuestions.retiredAt}, CAST(${now} AS BIGINT))` })
        .where(eq(listQuestions.id, old.id));
    } else {
      deleted += 1;
      await q.db.delete(listQuestions).where(eq(listQuestions.id, old.id));
    }
  }
  return { ok: true, saved: questions.length, retired, deleted };
}

/** The campaign's own set, retired ones left out (what its editor shows). */
export const campaignQuestions = (q: Tx, campaignId: number): Promise<QuestionRow[]> =>
  q.db
    .select()
    .from(listQuestions)
    .where(and(eq(listQuestions.campaignId, campaignId), isNull(listQuestions.retiredAt)))
    .orderBy(asc(listQuestions.position));

import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { ListQuestionCounts, QuestionCounts } from '@ringstuga/shared';
import { first, type Tx } from '../../db/store/store.ts';
import { inCampaign } from '../figures/campaign-figures.ts';
import { answerArchive, callAnswers, callLists, calls, listQuestions } from '../../db/schema.ts';

// The question totals the room board and the big screen show: answers counted per list, question and
// value, live (call_answers) plus archived (answer_archive). Counts only, never who answered. The
// counting passes over every answer, so like the list breakdown it is reused while younger than `maxAgeMs`.
// (The answers route, features/questions, breaks one list's totals down by municipality and
// district, for its association; this reads every list's plain counts at once, for every push.)

type Counts = Map<string, Record<string, number>>;

function add(byList: Map<number, Counts>, listId: number, key: string, value: string, count: number): void {
  const questions = byList.get(listId) ?? new Map<string, Record<string, number>>();
  byList.set(listId, questions);
  const values = questions.get(key) ?? {};
  questions.set(key, values);
  values[value] = (values[value] ?? 0) + count;
}

const questions = (q: Tx) =>
  q.db
    .select({
      listId: listQuestions.listId,
      campaignId: listQuestions.campaignId,
      key: listQuestions.key,
      kind: listQuestions.kind,
      text: listQuestions.text,
      options: listQuestions.options,
    })
    .from(listQuestions)
    .where(isNull(listQuestions.retiredAt))
    .orderBy(asc(listQuestions.position), asc(listQuestions.id));
// The board shows the active campaigns' lists (as its list breakdown does).
const lists = (q: Tx) => q.db.select({ id: callLists.id, campaignId: callLists.campaignId }).from(callLists).where(inCampaign(callLists.campaignId, null));
const live = (q: Tx) =>
  q.db
    .select({ listId: calls.listId, key: callAnswers.questionKey, value: callAnswers.value, count: sql<number>`count(*)` })
    .from(callAnswers)
    .innerJoin(calls, eq(calls.id, callAnswers.callId))
    .groupBy(calls.listId, callAnswers.questionKey, callAnswers.value);
const archived = (q: Tx) =>
  q.db
    .select({
      listId: answerArchive.listId,
      key: answerArchive.questionKey,
      value: answerArchive.value,
      count: sql<number>`sum(${answerArchive.count})`,
    })
    .from(answerArchive)
    .groupBy(answerArchive.listId, answerArchive.questionKey, answerArchive.value);

export function createQuestionTotalsRepo(options: { maxAgeMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 0;
  let cache: { at: number; byList: Map<number, Counts> } | undefined;

  async function countsAt(q: Tx, now: number): Promise<Map<number, Counts>> {
    // A clock that went back (or a first call) counts afresh.
    if (cache && now >= cache.at && now - cache.at < maxAgeMs) return cache.byList;
    const byList = new Map<number, Counts>();
    for (const row of [...(await live(q)), ...(await archived(q))]) add(byList, row.listId, row.key, row.value, row.count);
    cache = { at: now, byList };
    return byList;
  }

  return {
    listName: async (q: Tx, listId: number): Promise<string | undefined> =>
      first(await q.db.select({ name: callLists.name }).from(callLists).where(eq(callLists.id, listId)))?.name,
    /** Every list with questions: the campaign's first, then its own, each with its counts (zeros too). */
    async totals(q: Tx, now: number): Promise<ListQuestionCounts[]> {
      const counts = await countsAt(q, now);
      const all = await questions(q);
      return (await lists(q))
        .map((list) => {
          const asked = [
            ...all.filter((q) => q.campaignId === list.campaignId && q.listId === null),
            ...all.filter((q) => q.listId === list.id),
          ];
          const own = counts.get(list.id);
          const totals = asked.map((q): QuestionCounts => {
            const values = own?.get(q.key) ?? {};
            return {
              key: q.key,
              kind: q.kind,
              text: q.text,
              ...(q.options ? { options: q.options } : {}),
              fromCampaign: q.listId === null,
              answered: Object.values(values).reduce((sum, n) => sum + n, 0),
              values,
            };
          });
          return { listId: list.id, questions: totals };
        })
        .filter((list) => list.questions.length > 0);
    },
  };
}

export type QuestionTotalsRepo = ReturnType<typeof createQuestionTotalsRepo>;

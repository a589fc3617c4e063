import { eq, inArray } from 'drizzle-orm';
import type { AnswerTotals } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { answerArchive, associations, callLists, calls, municipalities } from '../../db/schema.ts';
import { answerCounts } from './answer-archive.ts';
import { toView, type QuestionRow } from '../lists/list-questions.ts';

type Counts = Record<string, number>;
type Question = AnswerTotals['questions'][number];

const add = (counts: Counts, value: string, n: number) => {
  counts[value] = (counts[value] ?? 0) + n;
};

/**
 * Answer totals over some lists: per question (each list's set, retired ones included, a campaign's
 * question once) and value, per municipality and voting district; live answers plus the archived
 * counts of people no longer there. Counts only, never a person: the list page shows them to the
 * list's association and the admin, and the room board may show them to a room.
 */
export async function answerTotals(
  q: Tx,
  listIds: number[],
  /** A list's questions, retired ones included (lists/list-questions.ts). */
  questionRows: (listId: number) => QuestionRow[] | Promise<QuestionRow[]>,
): Promise<AnswerTotals> {
  if (listIds.length === 0) return { questions: [] };
  const questions = new Map<string, Question>();
  for (const listId of listIds) {
    for (const row of await questionRows(listId)) {
      if (questions.has(row.key)) continue;
      questions.set(row.key, { ...toView(row), retired: row.retiredAt !== null, answered: 0, values: {}, byMunicipality: [], byDistrict: [] });
    }
  }
  const municipalityOf = new Map(
    (
      await q.db
        .select({ listId: callLists.id, code: municipalities.code, name: municipalities.name })
        .from(callLists)
        .innerJoin(associations, eq(associations.id, callLists.associationId))
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .where(inArray(callLists.id, listIds))
    ).map((row) => [row.listId, { code: row.code, name: row.name }]),
  );
  const live = await answerCounts(q, inArray(calls.listId, listIds));
  const archived = await q.db
    .select({ listId: answerArchive.listId, questionKey: answerArchive.questionKey, value: answerArchive.value, district: answerArchive.district, count: answerArchive.count })
    .from(answerArchive)
    .where(inArray(answerArchive.listId, listIds));

  const byMunicipality = new Map<string, Map<string, { code: string; name: string; values: Counts }>>();
  const byDistrict = new Map<string, Map<string, Counts>>();
  for (const row of [...live, ...archived]) {
    const { questionKey: key, count: n } = row;
    const question = questions.get(key);
    if (!question || n === 0) continue;
    question.answered += n;
    add(question.values, row.value, n);
    const municipality = municipalityOf.get(row.listId)!;
    const places = byMunicipality.get(key) ?? byMunicipality.set(key, new Map()).get(key)!;
    const place = places.get(municipality.code) ?? places.set(municipality.code, { ...municipality, values: {} }).get(municipality.code)!;
    add(place.values, row.value, n);
    const districts = byDistrict.get(key) ?? byDistrict.set(key, new Map()).get(key)!;
    const counts = districts.get(row.district) ?? districts.set(row.district, {}).get(row.district)!;
    add(counts, row.value, n);
  }
  for (const [key, question] of questions) {
    question.byMunicipality = [...(byMunicipality.get(key)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    question.byDistrict = [...(byDistrict.get(key) ?? [])].map(([name, values]) => ({ district: name, values })).sort((a, b) => a.district.localeCompare(b.district, 'sv'));
  }
  return { questions: [...questions.values()] };
}

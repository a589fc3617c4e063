// The questions a list asks (its campaign's, then its own), as rows and as the station sees them: read by
// the calling loop, the exports and the questions routes alike.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { QuestionView } from '@ringstuga/shared';
import { callLists, listQuestions } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

export type QuestionRow = typeof listQuestions.$inferSelect;

export function toView(row: Pick<QuestionRow, 'key' | 'kind' | 'text' | 'options' | 'campaignId'>): QuestionView {
  return {
    key: row.key,
    kind: row.kind,
    text: row.text,
    ...(row.options !== null && { options: row.options }),
    fromCampaign: row.campaignId !== null,
  };
}

/**
 * The questions asked on a list's calls: its campaign's, then its own, each set in its order;
 * retired ones (answered, then removed from the set) left out. `withRetired` keeps them (for totals).
 */
export function questionRowsForList(q: Tx, listId: number, options: { withRetired?: boolean } = {}): Promise<QuestionRow[]> {
  const campaign = q.db.select({ id: callLists.campaignId }).from(callLists).where(eq(callLists.id, listId));
  return q.db
    .select()
    .from(listQuestions)
    .where(
      and(
        or(eq(listQuestions.listId, listId), sql`${listQuestions.campaignId} = (${campaign})`),
        options.withRetired ? undefined : isNull(listQuestions.retiredAt),
      ),
    )
    .orderBy(sql`CASE WHEN ${listQuestions.campaignId} IS NULL THEN 1 ELSE 0 END`, asc(listQuestions.position), asc(listQuestions.id));
}

export const liveQuestionViews = async (q: Tx, listId: number): Promise<QuestionView[]> => (await questionRowsForList(q, listId)).map(toView);

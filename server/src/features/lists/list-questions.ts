// The questions a list asks (its campaign's, then its own), as rows and as the station sees them: read by
// the calling loop, the exports and the questions routes alike.
// Still on the synchronous connection: the calling loop's question cache (questions/question-cache.ts)
// loads through it synchronously; it moves onto the store with that cache.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { QuestionView } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { callLists, listQuestions } from '../../db/schema.ts';

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
export function questionRowsForList(db: Db, listId: number, options: { withRetired?: boolean } = {}): QuestionRow[] {
  const campaign = db.select({ id: callLists.campaignId }).from(callLists).where(eq(callLists.id, listId));
  return db
    .select()
    .from(listQuestions)
    .where(
      and(
        or(eq(listQuestions.listId, listId), sql`${listQuestions.campaignId} = (${campaign})`),
        options.withRetired ? undefined : isNull(listQuestions.retiredAt),
      ),
    )
    .orderBy(sql`${listQuestions.campaignId} IS NULL`, asc(listQuestions.position), asc(listQuestions.id))
    .all();
}

export const liveQuestionViews = (db: Db, listId: number): QuestionView[] => questionRowsForList(db, listId).map(toView);

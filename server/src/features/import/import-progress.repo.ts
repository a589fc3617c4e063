import { and, eq, gte, lt } from 'drizzle-orm';
import type { ImportProgress } from '@ringstuga/shared';
import { importProgress } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** Where the import `importId` into `listId` stands now (one row per import, replaced at each report). */
export async function saveProgress(q: Tx, importId: string, listId: number, progress: ImportProgress, now: number): Promise<void> {
  const row = { listId, ...progress, updatedAt: now };
  await q.run(q.db.insert(importProgress).values({ importId, ...row }).onConflictDoUpdate({ target: importProgress.importId, set: row }));
}

/** Forgets progress not reported since `before`: imports finished long ago, or whose node died. */
export async function forgetProgress(q: Tx, before: number): Promise<void> {
  await q.run(q.db.delete(importProgress).where(lt(importProgress.updatedAt, before)));
}

/** The import's progress if it is into `listId` and was reported since `since`. */
export const progressOf = async (q: Tx, listId: number, importId: string, since: number): Promise<ImportProgress | undefined> =>
  first(
    await q.db
      .select({ phase: importProgress.phase, done: importProgress.done, total: importProgress.total })
      .from(importProgress)
      .where(and(eq(importProgress.importId, importId), eq(importProgress.listId, listId), gte(importProgress.updatedAt, since)))
      .limit(1),
  );

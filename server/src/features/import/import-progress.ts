import type { ImportProgress } from '@ringstuga/shared';
import type { Store } from '../../db/store/store.ts';
import { forgetProgress, progressOf, saveProgress } from './import-progress.repo.ts';

/**
 * A finished import's progress stays readable this long (the page polls until it sees the end);
 * a running one's as long since its last report. A row older than that is an import whose node
 * died, or one long over: swept when the next import starts.
 */
export const PROGRESS_KEPT_MS = 10 * 60 * 1000;
/**
 * Between two writes of the same phase's count: a few a second is as often as a progress bar
 * moves visibly, and each is a write of its own that the stations' writes queue behind.
 */
const WRITE_EVERY_MS = 250;

export type ReportProgress = (phase: ImportProgress['phase'], done?: number, total?: number) => Promise<void>;

/**
 * Reports an import's progress to the database, where the page's polls read it on whichever node
 * they reach. Each report is a store write of its own, never inside the import's data writes, so
 * it is visible while the import runs. Reports within a phase are thinned to one per
 * WRITE_EVERY_MS; a new phase (the end, 'done' or 'failed', included) is always written.
 * Await each report before the next: the writes then land in order.
 */
export function progressReporter(store: Store, now: () => number, importId: string | undefined, listId: number): ReportProgress {
  let lastPhase: ImportProgress['phase'] | undefined;
  let lastWrite = 0;
  return async (phase, done = 0, total = 0) => {
    if (importId === undefined) return;
    const first = lastPhase === undefined;
    if (phase === lastPhase && performance.now() - lastWrite < WRITE_EVERY_MS) return;
    lastPhase = phase;
    lastWrite = performance.now();
    await store.write(async (q) => {
      const at = now();
      if (first) await forgetProgress(q, at - PROGRESS_KEPT_MS);
      await saveProgress(q, importId, listId, { phase, done, total }, at);
    });
  };
}

/** How far the import `importId` into `listId` has come, if it is running or finished lately. */
export const readProgress = (store: Store, now: () => number, listId: number, importId: string): Promise<ImportProgress | undefined> =>
  store.read((q) => progressOf(q, listId, importId, now() - PROGRESS_KEPT_MS));

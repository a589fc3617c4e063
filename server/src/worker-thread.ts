import { getPriority, setPriority } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Work that would hold up every station's acknowledgement for seconds (parsing an import, writing
// a workbook) runs in a worker thread, one per job.

/**
 * From source (tsx, tests) a worker loads its TypeScript through a `.dev.mjs` file that registers
 * tsx (a worker does not inherit the loader); in the bundle (server/dist/main.mjs) it is the
 * `.mjs` that server/build.ts writes beside it.
 */
export function workerUrl(callerUrl: string, devFile: string, bundleFile: string): URL {
  return callerUrl.endsWith('.ts') ? new URL(devFile, callerUrl) : new URL(bundleFile, callerUrl);
}

/**
 * Starts a worker; `settle` runs its finish once (the first answer, error or exit wins) and stops
 * the worker. Memory in `transferList` moves to the worker (and is gone here) instead of being copied.
 */
export function startWorker(
  url: URL,
  workerData: unknown,
  options: Pick<WorkerOptions, 'resourceLimits' | 'transferList'> = {},
): { worker: Worker; settle: (finish: () => void) => void } {
  const worker = new Worker(url, { workerData, ...options });
  let settled = false;
  const settle = (finish: () => void) => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    finish();
  };
  return { worker, settle };
}

/** Nice value of a worker's thread: below the server's thread, which answers the stations. */
const WORKER_NICE = 10;

/**
 * Called first in a worker. On Linux each thread has its own nice value, so seconds of parsing or
 * writing give way to the server's thread when they compete for the cores (on 2 cores an import's
 * worker otherwise doubled the stations' acknowledgement p99). Elsewhere it would lower the whole
 * process, so it is left alone there.
 */
export function yieldToServerThread(): void {
  if (process.platform !== 'linux') return;
  try {
    // Relative to the thread's own (a server started under `nice` keeps the gap), at most 19.
    setPriority(Math.min(19, getPriority() + WORKER_NICE));
  } catch {
    // A sandbox may refuse it: the worker then runs at the server's priority, as before.
  }
}

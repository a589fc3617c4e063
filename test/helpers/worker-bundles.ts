import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Tests run the server from source, where each worker thread (an import's parser, a workbook's
 * writer; one per job) registers tsx first: ~400 ms of CPU per job before any work, most of it
 * tsx's loader thread and module loads through it. The roles matrix alone starts 20 of them. So
 * the test process bundles the two workers once, as server/build.ts does for production, and the
 * `.dev.mjs` shims load these bundles (plain JavaScript, ~120 ms a worker) when this variable names them.
 */
export const WORKER_BUNDLES_VARIABLE = 'RINGSTUGA_TEST_WORKER_BUNDLES';

const ENTRIES = {
  'import-worker.mjs': '../../server/src/features/import/parse-worker.ts',
  'workbook-worker.mjs': '../../server/src/features/exports/workbook-worker.ts',
};

let bundled: Promise<void> | undefined;

/** Bundles the workers (once per test process) and points the shims at them; fresh from source every run. */
export function useWorkerBundles(): Promise<void> {
  bundled ??= bundleWorkers();
  return bundled;
}

async function bundleWorkers(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'ringstuga-workers-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  await Promise.all(
    Object.entries(ENTRIES).map(([outfile, entry]) =>
      build({
        entryPoints: [new URL(entry, import.meta.url).pathname],
        outfile: join(folder, outfile),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // The same as server/build.ts: bundled CommonJS dependencies call require().
        banner: { js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);" },
        logLevel: 'warning',
      }),
    ),
  );
  // A worker thread starts with a copy of the process's environment: set before any is started.
  process.env[WORKER_BUNDLES_VARIABLE] = folder;
}

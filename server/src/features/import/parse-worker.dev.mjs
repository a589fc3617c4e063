// The parser's worker when the server runs from source (npm run dev, the tests): a worker thread
// does not inherit tsx's loader, so it registers tsx itself before loading the TypeScript. The
// tests bundle the worker once per run instead (test/helpers/worker-bundles.ts): registering tsx
// costs each job ~400 ms of CPU.
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const bundles = process.env.RINGSTUGA_TEST_WORKER_BUNDLES;
if (bundles) {
  await import(pathToFileURL(join(bundles, 'import-worker.mjs')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./parse-worker.ts');
}

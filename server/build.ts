// Bundles the server into one file for production (`npm start`, Docker, the benchmark).
// Running the TypeScript through tsx instead costs ~65 MB more memory (its loader thread).
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const bundle = (entry: string, outfile: string) =>
  build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    outfile: new URL(outfile, import.meta.url).pathname,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Linked, not loaded: run with --enable-source-maps to map a stack trace (it costs ~40 MB).
    sourcemap: true,
    // The native addon stays a package; ws's optional speed-ups are absent on purpose.
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS dependencies call require(); ESM output has to provide it.
    banner: { js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });

await bundle('src/main.ts', 'dist/main.mjs');
// The import parser's worker thread, loaded by src/features/import/run-parse.ts from beside main.mjs.
await bundle('src/features/import/parse-worker.ts', 'dist/import-worker.mjs');
// The workbook writer's worker thread, loaded by src/features/exports/run-workbook.ts from beside main.mjs.
await bundle('src/features/exports/workbook-worker.ts', 'dist/workbook-worker.mjs');
// Last: the stamp tools/build/build-if-changed.sh compares the sources with (`npm test` skips an up-to-date build).
await writeFile(new URL('dist/.built', import.meta.url), `${new Date().toISOString()}\n`);

// Bundles the server into one file for production (`npm start`, Docker, the benchmark).
// Running the TypeScript through tsx instead costs ~65 MB more memory (its loader thread).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('src/main.ts', import.meta.url).pathname],
  outfile: new URL('dist/main.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Linked, not loaded: run with --enable-source-maps to map a stack trace (it costs ~40 MB).
  sourcemap: true,
  // The native addon stays a package; ws's optional speed-ups are absent on purpose.
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS dependencies call require(); ESM output has to provide it.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});

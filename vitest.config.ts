import { defineConfig } from 'vitest/config';

// One throwaway PostgreSQL per run (test/helpers/postgres/), started only when a project that
// lists it has tests in the run: the `postgres` project's (PostgreSQL's own tests), or every
// project's under `npm run test:postgres` (TEST_STORE=postgres), where each test file also gets
// its own database as DATABASE_URL.
const onPostgres = process.env.TEST_STORE === 'postgres';
const postgresServer = { globalSetup: ['test/helpers/postgres/global-setup.ts'] };
const postgresStore = onPostgres ? { ...postgresServer, setupFiles: ['test/helpers/postgres/store-database.ts'] } : {};

// Every project runs its files without isolation: each worker imports the server and the helpers once,
// not once per file (import time fell from ~360 s to ~20 s of the SQLite run). A test file therefore
// restores what it changes in the process (timers, globals, environment) and leaves no promise unhandled.
const shared = { isolate: false };

// Under test:postgres: the unit tests that touch a store (the rest never do, and run once, on `npm test`).
const unitOnPostgres = ['test/unit/privacy/number-locks.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', environment: 'node', ...shared, include: onPostgres ? unitOnPostgres : ['test/unit/**/*.test.ts'], ...postgresStore } },
      // Model-based runs of hundreds of command sequences: seconds, not milliseconds.
      { test: { name: 'property', environment: 'node', ...shared, include: ['test/property/**/*.test.ts'], testTimeout: 120_000, ...postgresStore } },
      {
        test: {
          name: 'integration',
          environment: 'node',
          ...shared,
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/postgres/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          ...postgresStore,
        },
      },
      {
        test: {
          name: 'postgres',
          environment: 'node',
          ...shared,
          include: ['test/integration/postgres/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          ...postgresServer,
          ...postgresStore,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on two cores, in one worker that imports the server, playwright and
          // the helpers once for all files (each file starts its own servers and browser).
          fileParallelism: false,
          ...shared,
          // A browser on a loaded CI machine: a camera or service worker may take seconds, not the default 1 s.
          expect: { poll: { timeout: 15_000 } },
          ...postgresStore,
        },
      },
    ],
  },
});

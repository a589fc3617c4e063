import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] } },
      // Model-based runs of hundreds of command sequences: seconds, not milliseconds.
      { test: { name: 'property', environment: 'node', include: ['test/property/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});

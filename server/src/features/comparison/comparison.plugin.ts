import fp from 'fastify-plugin';
import { createComparisonRepo } from './comparison.repo.ts';
import { comparisonRoutes } from './comparison.routes.ts';

/** Comparing campaigns over time (issue 15): read-only, from the figures that survive archiving. */
export const comparisonPlugin = fp(
  async (app) => {
    await app.register(comparisonRoutes(createComparisonRepo()));
  },
  { name: 'comparison', dependencies: ['database', 'auth'] },
);

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zHttpError } from '../../http-errors.ts';
import { zVolunteerTotals } from '@ringstuga/shared';
import { registerExport } from '../exports/export-routes.ts';
import { shiftsTable, volunteerTotalsTable } from './shift-exports.ts';
import { volunteerTotals } from './volunteer-totals.ts';

/** The figures the 2018 report could not give: who came, for how long, and what their shifts achieved. */
export const shiftsRoutes: FastifyPluginAsyncZod = async (app) => {

  registerExport(app, {
    path: '/api/shifts',
    roles: ['admin'],
    summary: 'Every shift with its volunteer, association, times and figures',
    tags: ['shifts'],
    load: async () => ({ table: shiftsTable(await app.store.read((q) => app.shifts.repo.all(q)), app.now()), filename: 'shifts', sheet: 'shifts' }),
  });

  app.get(
    '/api/volunteers',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: 'Campaign totals: volunteers, shifts, volunteer hours, attempts per volunteer-hour; per association and per room',
        tags: ['shifts'],
        security: [{ bearer: [] }],
        response: { 200: zVolunteerTotals, 401: zHttpError, 403: zHttpError },
      },
    },
    async () => app.store.read((q) => volunteerTotals(q)),
  );

  registerExport(app, {
    path: '/api/volunteers',
    roles: ['admin', 'leader'],
    summary: 'The campaign totals: volunteers, shifts, hours and figures for the campaign, each association and each room',
    tags: ['shifts'],
    load: async () => ({ table: volunteerTotalsTable(await app.store.read((q) => volunteerTotals(q))), filename: 'volunteers', sheet: 'volunteers' }),
  });
};

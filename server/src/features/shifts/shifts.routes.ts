import { DateTime } from 'luxon';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvFile, csvHeaders, csvRow } from '../../csv.ts';
import { zHttpError } from '../../http-errors.ts';
import { zVolunteerTotals } from '@ringstuga/shared';
import { createVolunteerTotals } from './volunteer-totals.ts';

const HOUR_MS = 60 * 60 * 1000;

/** The figures the 2018 report could not give: who came, for how long, and what their shifts achieved. */
export const shiftsRoutes: FastifyPluginAsyncZod = async (app) => {
  const totals = createVolunteerTotals(app.db.$client);
  const security = [{ bearer: [] }];
  const local = (ms: number | null) =>
    ms === null ? '' : DateTime.fromMillis(ms, { zone: app.config.timeZone }).toFormat('yyyy-MM-dd HH:mm');

  app.get(
    '/api/shifts.csv',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        summary: 'Every shift with its volunteer, association, times (campaign time zone) and figures, as CSV',
        tags: ['shifts'],
        security,
        produces: ['text/csv'],
        response: { 200: z.string(), 401: zHttpError, 403: zHttpError },
      },
    },
    async (_request, reply) => {
      const now = app.now();
      const header = csvRow(['shift', 'room', 'station', 'volunteer', 'association', 'languages', 'started', 'ended', 'end_reason',
        'hours', 'attempts', 'answered', 'conversations']);
      const rows = app.shifts.repo.all().map((shift) =>
        csvRow([
          shift.id,
          shift.room_name,
          shift.station_number,
          shift.name,
          shift.association_name ?? '',
          (JSON.parse(shift.languages) as string[]).join(' '),
          local(shift.started_at),
          local(shift.ended_at),
          shift.end_reason ?? 'open',
          (((shift.ended_at ?? now) - shift.started_at) / HOUR_MS).toFixed(2),
          shift.attempts,
          shift.answered,
          shift.conversations,
        ]),
      );
      return reply.headers(csvHeaders('shifts.csv')).send(csvFile([header, ...rows]));
    },
  );

  app.get(
    '/api/volunteers',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: 'Campaign totals: volunteers, shifts, volunteer hours, attempts per volunteer-hour; per association and per room',
        tags: ['shifts'],
        security,
        response: { 200: zVolunteerTotals, 401: zHttpError, 403: zHttpError },
      },
    },
    async () => totals.totals(app.now()),
  );

  app.get(
    '/api/volunteers.csv',
    {
      onRequest: app.requireRole('admin', 'leader'),
      schema: {
        summary: 'The campaign totals as CSV',
        tags: ['shifts'],
        security,
        produces: ['text/csv'],
        response: { 200: z.string(), 401: zHttpError, 403: zHttpError },
      },
    },
    async (_request, reply) =>
      reply.headers(csvHeaders('volunteers.csv')).send(csvFile(totals.toCsvLines(totals.totals(app.now())))),
  );
};

import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zMobilisation, zMobilisationQuery, zReturningVolunteers, zReturningVolunteersQuery } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import { createMobilisationRepo } from './mobilisation.repo.ts';
import { planningRange } from './planning-range.ts';
import { planningView } from './planning-view.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Planning and the early warning: the next weeks' sessions with their places, teams and a warning
 * on those filling too slowly, figures per association, and the people who came before but have
 * not booked again, so mobilising starts from them.
 */
export const mobilisationPlugin = fp(
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const repo = createMobilisationRepo();
    const security = [{ bearer: [] }];
    const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError };

    app.get(
      '/api/mobilisation',
      {
        onRequest: app.requireRole('admin', 'leader'),
        schema: {
          summary:
            "Sessions from `from` (default: the start of today) to `to` (default: four weeks on) with places booked, waiting, attended, missed, teams and the early warning, and figures per association (the admin every room or one; a leader their room's)",
          tags: ['sessions'],
          security,
          querystring: zMobilisationQuery,
          response: { 200: zMobilisation, ...errors },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'leader');
        const roomId = request.query.roomId ?? (access.role === 'leader' ? access.roomId : undefined);
        // Another room's figures answer as an unknown room, as its sessions do.
        if (roomId !== undefined && (!can(access, 'steerRoom', { roomId }) || !(await app.store.read((q) => app.rooms.find(q, roomId))))) {
          return replyError(reply, 'not_found', 'No such room');
        }
        const now = app.now();
        const range = planningRange(request.query, now, app.config.timeZone);
        if (!range.ok) return replyError(reply, 'invalid_request', range.message);
        const scope = { roomId, from: range.from, to: range.to };
        return app.store.read((q) => planningView(q, repo, scope, { now, timeZone: app.config.timeZone, warning: app.config.mobilisationWarning }));
      },
    );

    app.get(
      '/api/associations/:id/returning-volunteers',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary:
            "The association's volunteers who came before and have booked nothing starting in the last `weeks` weeks or later, with their contact details (the association itself, or the admin)",
          tags: ['teams'],
          security,
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          querystring: zReturningVolunteersQuery,
          response: { 200: zReturningVolunteers, ...errors },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        const associationId = request.params.id;
        // Another association's id answers as an unknown one, as its lists and teams do.
        if (!can(access, 'actForAssociation', { associationId }) || !(await app.store.read((q) => app.associations.exists(q, associationId)))) return replyError(reply, 'not_found', 'No such association');
        const now = app.now();
        const { weeks } = request.query;
        // Read and logged in one write: names and contact details shown are logged as a count, never the people.
        const volunteers = await app.store.write(async (q) => {
          const rows = await repo.returning(q, associationId, now - weeks * WEEK_MS);
          await app.audit.add(q, { at: now, actor: actorOf(access), action: 'view', target: `association:${associationId}`, detail: { view: 'returning_volunteers', weeks, volunteers: rows.length } });
          return rows;
        });
        return { volunteers: volunteers.map((row) => ({ ...row, lastSessionAt: new Date(row.lastSessionAt).toISOString() })) };
      },
    );
  },
  { name: 'mobilisation', dependencies: ['auth', 'audit', 'rooms', 'associations'] },
);

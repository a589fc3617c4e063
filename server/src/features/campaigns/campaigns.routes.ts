import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zArchiveCampaign, zCampaign, zCampaignArchived, zCreateCampaign, zUpdateCampaign } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import type { CampaignsService } from './campaigns.service.ts';

/** Campaigns: the admin makes, edits and archives them; every signed-in role reads the active ones. */
export const campaignsRoutes =
  (campaigns: CampaignsService): FastifyPluginAsyncZod =>
  async (app) => {
    const security = [{ bearer: [] }];
    const refusals = { 401: zHttpError, 403: zHttpError };
    const params = z.strictObject({ id: z.coerce.number().int().positive() });

    app.get(
      '/api/campaigns',
      {
        onRequest: app.requireRole('admin', 'leader', 'screen', 'association'),
        schema: {
          summary: 'The campaigns, the latest start first: every one for the admin, the active ones for leaders, screens and associations',
          tags: ['campaigns'],
          security,
          response: { 200: z.object({ campaigns: z.array(zCampaign) }), ...refusals },
        },
      },
      async (request) => {
        const access = accessOf(request, 'admin', 'leader', 'screen', 'association');
        return { campaigns: await app.store.read((q) => campaigns.visible(q, access)) };
      },
    );

    app.post(
      '/api/campaigns',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'Makes a campaign; with copyFrom, a copy of that campaign as a template (its session pattern, lists, scripts and questions, no people)',
          description: 'A name another campaign has answers 409.',
          tags: ['campaigns'],
          security,
          body: zCreateCampaign,
          response: { 201: zCampaign, 400: zHttpError, ...refusals, 409: zHttpError },
        },
      },
      async (request, reply) => {
        const made = await campaigns.create(request.body, actorOf(accessOf(request, 'admin')));
        if (!made.ok) return replyError(reply, made.code, made.message, made.why);
        return reply.code(201).send(made.value);
      },
    );

    app.patch(
      '/api/campaigns/:id',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: "Renames a campaign or moves its dates; an archived campaign answers 409",
          tags: ['campaigns'],
          security,
          params,
          body: zUpdateCampaign,
          response: { 200: zCampaign, 400: zHttpError, ...refusals, 404: zHttpError, 409: zHttpError },
        },
      },
      async (request, reply) => {
        const changed = await campaigns.update(request.params.id, request.body, actorOf(accessOf(request, 'admin')));
        if (!changed.ok) return replyError(reply, changed.code, changed.message, changed.why);
        return changed.value;
      },
    );

    app.post(
      '/api/campaigns/:id/archive',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: "Archives a campaign: deletes its personal data (contacts, calls and their notes and answers, volunteers' details), keeps its anonymous figures",
          description:
            'The body must be { "confirm": "ARKIVERA <the campaign\'s name>" }; anything else answers 400 saying what to type. Its lists stop being called; its volunteers\' names become "Volontär N". Answers the counts deleted; an archived campaign answers 409.',
          tags: ['campaigns', 'privacy'],
          security,
          params,
          body: zArchiveCampaign,
          response: { 200: zCampaignArchived, 400: zHttpError, ...refusals, 404: zHttpError, 409: zHttpError },
        },
      },
      async (request, reply) => {
        const archived = await campaigns.archive(request.params.id, request.body.confirm, actorOf(accessOf(request, 'admin')));
        if (!archived.ok) return replyError(reply, archived.code, archived.message, archived.why);
        return archived.value;
      },
    );
  };

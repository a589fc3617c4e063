import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zAnswerTotals, zQuestionSet, zQuestionView } from '@ringstuga/shared';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import type { ListsRepo } from '../lists/lists.repo.ts';
import { NO_SUCH_LIST, visibleList } from '../lists/lists.service.ts';
import { questionsChanged, type QuestionCache } from './question-cache.ts';
import { campaignQuestions, campaignStatus, replaceQuestionSet, type QuestionOwner } from './question-sets.repo.ts';
import { answerTotals } from './answer-totals.ts';
import { liveQuestionViews, questionRowsForList, toView } from '../lists/list-questions.ts';

export interface QuestionsRoutesDeps {
  lists: ListsRepo;
  cache: QuestionCache;
}

const zQuestionViews = z.object({ questions: z.array(zQuestionView) });
const NO_SUCH_CAMPAIGN = 'No such campaign';

/** The questions asked in the call: a list's (its association, the admin) and a whole campaign's (the admin). */
export const questionsRoutes = (deps: QuestionsRoutesDeps): FastifyPluginAsyncZod => async (app) => {
  const { lists, cache } = deps;
  const { store } = app;
  const security = [{ bearer: [] }];
  const params = z.strictObject({ id: z.coerce.number().int().positive() });
  const response = { 200: zQuestionViews, 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError, 409: zHttpError };
  const described = (summary: string, description?: string) => ({ summary, ...(description && { description }), tags: ['questions'], security, params, response });

  /** Saves a set and drops the cached questions it changes; audited by counts, never texts. */
  const save = async (owner: QuestionOwner, questions: z.infer<typeof zQuestionSet>['questions'], actor: string) => {
    const result = await store.write(async (q) => {
      const replaced = await replaceQuestionSet(q, owner, questions, app.now());
      if (!replaced.ok) return replaced;
      await questionsChanged(q);
      const { saved, retired, deleted } = replaced;
      const target = 'listId' in owner ? `list:${owner.listId}` : `campaign:${owner.campaignId}`;
      await app.audit.add(q, { actor, action: 'update', target, detail: { questions: saved, retired, deleted } });
      return replaced;
    });
    if (!result.ok) return result;
    // Once committed (a write may be retried, so it changes no memory): dropped before the next
    // batch of writes runs, since this follows the commit without a turn of the event loop between.
    if ('listId' in owner) cache.forgetList(owner.listId);
    // A campaign's questions are on every one of its lists' cards.
    else cache.forgetAll();
    return result;
  };

  app.get(
    '/api/lists/:id/questions',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: described("The questions asked on a list's calls: its campaign's, then its own, in order (retired ones left out)"),
    },
    async (request, reply) => {
      const list = await app.store.read((q) => visibleList(q, lists, accessOf(request, 'admin', 'association'), request.params.id));
      if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
      return { questions: await store.read((q) => liveQuestionViews(q, list.id)) };
    },
  );

  app.put(
    '/api/lists/:id/questions',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        ...described(
          "Replaces a list's own questions, in order; answered questions keep their kind and answered options",
          'A question left out is retired if it has answers (they still count), deleted if not. Stations see the set on their next contact card.',
        ),
        body: zQuestionSet,
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'association');
      const list = await app.store.read((q) => visibleList(q, lists, access, request.params.id));
      if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
      const result = await save({ listId: list.id }, request.body.questions, actorOf(access));
      if (!result.ok) return replyError(reply, 'invalid_request', result.message);
      return { questions: await store.read((q) => liveQuestionViews(q, list.id)) };
    },
  );

  app.get(
    '/api/campaigns/:id/questions',
    {
      onRequest: app.requireAdmin,
      schema: described("A campaign's own questions, asked on every one of its lists' calls before the list's own"),
    },
    async (request, reply) => {
      const id = request.params.id;
      const questions = await store.read(async (q) => ((await campaignStatus(q, id)) ? campaignQuestions(q, id) : undefined));
      if (!questions) return replyError(reply, 'not_found', NO_SUCH_CAMPAIGN);
      return { questions: questions.map(toView) };
    },
  );

  app.put(
    '/api/campaigns/:id/questions',
    {
      onRequest: app.requireAdmin,
      schema: { ...described("Replaces a campaign's own questions, in order, by the same rules as a list's"), body: zQuestionSet },
    },
    async (request, reply) => {
      const campaignId = request.params.id;
      const status = await store.read((q) => campaignStatus(q, campaignId));
      if (!status) return replyError(reply, 'not_found', NO_SUCH_CAMPAIGN);
      if (status === 'archived') return replyError(reply, 'conflict', 'The campaign is archived: its questions no longer change', { reason: 'campaign_archived' });
      const result = await save({ campaignId }, request.body.questions, 'admin');
      if (!result.ok) return replyError(reply, 'invalid_request', result.message);
      return { questions: (await store.read((q) => campaignQuestions(q, campaignId))).map(toView) };
    },
  );

  app.get(
    '/api/lists/:id/answers',
    {
      onRequest: app.requireRole('admin', 'association'),
      schema: {
        ...described("Totals of a list's answers per question and value, per municipality and voting district; no person in it"),
        description: 'Answers about voting intention are political opinions: only the list\'s association and the admin see them.',
        response: { ...response, 200: zAnswerTotals },
      },
    },
    async (request, reply) => {
      const access = accessOf(request, 'admin', 'association');
      const list = await app.store.read((q) => visibleList(q, lists, access, request.params.id));
      if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
      await store.write((q) => app.audit.add(q, { actor: actorOf(access), action: 'view', target: `list:${list.id}`, detail: { answers: true } }));
      return store.read((q) => answerTotals(q, [list.id], (listId) => questionRowsForList(q, listId, { withRetired: true })));
    },
  );
};

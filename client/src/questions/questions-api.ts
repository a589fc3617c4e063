import { zAnswerTotals, zQuestionView, type AnswerTotals, type Question, type QuestionView } from '@ringstuga/shared';
import { z } from 'zod';
import { getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

const zQuestionsBody = z.object({ questions: z.array(zQuestionView) });

/** Whose questions: one list's (its association or the admin), or a whole campaign's (the admin). */
export type QuestionScope = { kind: 'lists' | 'campaigns'; id: number };
const questionsPath = (scope: QuestionScope) => `/api/${scope.kind}/${scope.id}/questions`;

/** `GET /api/lists/{id}/questions` (its campaign's among them) or `/api/campaigns/{id}/questions`, in order. */
export async function fetchQuestions(token: string, scope: QuestionScope, signal: AbortSignal): Promise<Answer<QuestionView[]>> {
  const answer = await parseAnswer(await getWithToken(questionsPath(scope), token, signal), zQuestionsBody);
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

/** `PUT` of the list's own set or the campaign's, whole and in order; answers the set as saved. */
export async function saveQuestions(token: string, scope: QuestionScope, questions: Question[]): Promise<Answer<QuestionView[]>> {
  const answer = await parseAnswer(await sendWithToken('PUT', questionsPath(scope), token, { questions }), zQuestionsBody);
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

/** `GET /api/lists/{id}/answers`: counts per question and value, per municipality and voting district. */
export async function fetchAnswerTotals(token: string, listId: number, signal: AbortSignal): Promise<Answer<AnswerTotals>> {
  return parseAnswer(await getWithToken(`/api/lists/${listId}/answers`, token, signal), zAnswerTotals);
}

import { zAnswerTotals, zQuestionView, type AnswerTotals, type Question, type QuestionView } from '@ringstuga/shared';
import { z } from 'zod';
import { getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

const zQuestionsBody = z.object({ questions: z.array(zQuestionView) });

/** `GET /api/lists/{id}/questions`: the list's questions in order, its campaign's among them. */
export async function fetchQuestions(token: string, listId: number, signal: AbortSignal): Promise<Answer<QuestionView[]>> {
  const answer = await parseAnswer(await getWithToken(`/api/lists/${listId}/questions`, token, signal), zQuestionsBody);
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

/** `PUT /api/lists/{id}/questions`: the list's own set, whole and in order; answers the set as saved. */
export async function saveQuestions(token: string, listId: number, questions: Question[]): Promise<Answer<QuestionView[]>> {
  const answer = await parseAnswer(await sendWithToken('PUT', `/api/lists/${listId}/questions`, token, { questions }), zQuestionsBody);
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

/** `GET /api/lists/{id}/answers`: counts per question and value, per municipality and voting district. */
export async function fetchAnswerTotals(token: string, listId: number, signal: AbortSignal): Promise<Answer<AnswerTotals>> {
  return parseAnswer(await getWithToken(`/api/lists/${listId}/answers`, token, signal), zAnswerTotals);
}

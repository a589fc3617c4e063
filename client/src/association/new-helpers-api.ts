import { z } from 'zod';
import { zNewHelpers, type NewHelper } from '@ringstuga/shared';
import { getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

export type { NewHelper };

const zSent = z.object({ id: z.number(), signUpSentAt: z.string() });

/** The people who said yes to "Vill du hjälpa till?", each with the sign-up link to send them. */
export async function fetchNewHelpers(token: string, associationId: number, signal?: AbortSignal): Promise<Answer<NewHelper[]>> {
  const answer = await parseAnswer(await getWithToken(`/api/associations/${associationId}/new-helpers`, token, signal), zNewHelpers);
  return answer.ok ? { ok: true, data: answer.data.helpers } : answer;
}

/** Marks the link sent (again keeps the first time). */
export async function markSignUpSent(token: string, associationId: number, helperId: number) {
  return parseAnswer(await sendWithToken('POST', `/api/associations/${associationId}/new-helpers/${helperId}/sent`, token, {}), zSent);
}

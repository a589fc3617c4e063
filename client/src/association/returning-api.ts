import { zReturningVolunteers, type ReturningVolunteer } from '@ringstuga/shared';
import { getWithToken, parseAnswer, type Answer } from '../lib/http.ts';

/** The association's volunteers who came before and have booked nothing for `weeks` weeks. */
export async function fetchReturning(token: string, associationId: number, weeks: number, signal?: AbortSignal): Promise<Answer<ReturningVolunteer[]>> {
  const answer = await parseAnswer(await getWithToken(`/api/associations/${associationId}/returning-volunteers?weeks=${weeks}`, token, signal), zReturningVolunteers);
  return answer.ok ? { ok: true, data: answer.data.volunteers } : answer;
}

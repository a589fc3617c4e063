import { zComparableCampaigns, zComparison, type ComparableCampaign, type CompareAxis, type Comparison } from '@ringstuga/shared';
import { getWithToken, parseAnswer, type Answer } from '../lib/http.ts';

/** The campaigns this token may compare (every one; an association sees its own figures in each). */
export async function fetchComparable(token: string, signal?: AbortSignal): Promise<Answer<ComparableCampaign[]>> {
  const answer = await parseAnswer(await getWithToken('/api/campaigns/comparable', token, signal), zComparableCampaigns);
  return answer.ok ? { ok: true, data: answer.data.campaigns } : answer;
}

export async function fetchComparison(token: string, ids: number[], axis: CompareAxis, signal?: AbortSignal): Promise<Answer<Comparison>> {
  const query = new URLSearchParams({ ids: ids.join(','), axis });
  return parseAnswer(await getWithToken(`/api/campaigns/compare?${query}`, token, signal), zComparison);
}

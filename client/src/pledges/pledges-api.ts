import { zPledgeProgress } from '@ringstuga/shared';
import { z } from 'zod';
import { onCampaignClock } from '../lib/campaign-clock.ts';
import { getWithToken, parseAnswer, type Answer } from '../lib/http.ts';

const zPledges = z.object({ timeZone: z.string(), pledges: z.array(zPledgeProgress) });
export type PledgeProgress = z.infer<typeof zPledgeProgress>;

/** Pledges with their progress: an association's own, or (admin, leaders) every one. */
export async function fetchPledges(token: string, signal?: AbortSignal): Promise<Answer<PledgeProgress[]>> {
  const answer = onCampaignClock(await parseAnswer(await getWithToken('/api/pledges', token, signal), zPledges));
  return answer.ok ? { ok: true, data: answer.data.pledges } : answer;
}

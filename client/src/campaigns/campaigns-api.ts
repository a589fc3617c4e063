import { zCampaign, zCampaignArchived, type Campaign, type CampaignArchived, type CreateCampaign, type UpdateCampaign } from '@ringstuga/shared';
import { z } from 'zod';
import { getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

export type { Campaign, CampaignArchived };

const zCampaigns = z.object({ campaigns: z.array(zCampaign) });

export async function fetchCampaigns(token: string, signal?: AbortSignal): Promise<Answer<Campaign[]>> {
  const answer = await parseAnswer(await getWithToken('/api/campaigns', token, signal), zCampaigns);
  return answer.ok ? { ok: true, data: answer.data.campaigns } : answer;
}

export async function createCampaign(token: string, input: CreateCampaign): Promise<Answer<Campaign>> {
  return parseAnswer(await sendWithToken('POST', '/api/campaigns', token, input), zCampaign);
}

export async function updateCampaign(token: string, id: number, change: UpdateCampaign): Promise<Answer<Campaign>> {
  return parseAnswer(await sendWithToken('PATCH', `/api/campaigns/${id}`, token, change), zCampaign);
}

export async function archiveCampaign(token: string, id: number, confirm: string): Promise<Answer<CampaignArchived>> {
  return parseAnswer(await sendWithToken('POST', `/api/campaigns/${id}/archive`, token, { confirm }), zCampaignArchived);
}

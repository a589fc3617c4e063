import { zPledge, zSignupSession, zTeam, zTeamSummary } from '@ringstuga/shared';
import { z } from 'zod';
import { onCampaignClock } from '../lib/campaign-clock.ts';
import { getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

const zSessions = z.object({ timeZone: z.string(), sessions: z.array(zSignupSession) });
const zTeams = z.object({ teams: z.array(zTeamSummary) });
const zTeamMade = z.object({ team: zTeam, token: z.string(), url: z.string() });
const zPledgeMade = z.object({ pledge: zPledge, token: z.string(), url: z.string() });

export type OpenSession = z.infer<typeof zSignupSession>;
export type TeamSummary = z.infer<typeof zTeamSummary>;

/** Upcoming sessions with the places a team can still take. */
export async function fetchOpenSessions(token: string, associationId: number, signal?: AbortSignal): Promise<Answer<OpenSession[]>> {
  const answer = onCampaignClock(await parseAnswer(await getWithToken(`/api/associations/${associationId}/sessions`, token, signal), zSessions));
  return answer.ok ? { ok: true, data: answer.data.sessions } : answer;
}

export async function fetchTeams(token: string, associationId: number, signal?: AbortSignal): Promise<Answer<TeamSummary[]>> {
  const answer = await parseAnswer(await getWithToken(`/api/associations/${associationId}/teams`, token, signal), zTeams);
  return answer.ok ? { ok: true, data: answer.data.teams } : answer;
}

export async function createTeam(token: string, associationId: number, team: { sessionId: number; places: number; captain: string }) {
  return parseAnswer(await sendWithToken('POST', `/api/associations/${associationId}/teams`, token, team), zTeamMade);
}

export async function createPledge(token: string, pledge: { name: string; associationId: number; shifts: number; by: string }) {
  return parseAnswer(await sendWithToken('POST', '/api/pledges', token, pledge), zPledgeMade);
}

import { zAccessLink, zMobilisation, zRoomAddress, zRoomSummary, zSession, zSignupLink, type Mobilisation, type RoomSummary } from '@ringstuga/shared';
import { z } from 'zod';
import { deleteWithToken, getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';
import { onCampaignClock } from '../lib/campaign-clock.ts';

export type Planning = Mobilisation;
export type PlannedSession = Mobilisation['sessions'][number];
export type AssociationFigures = Mobilisation['associations'][number];
export type SignupLinkRow = z.infer<typeof zSignupLink>;
export type { RoomSummary };

const zRooms = z.object({ rooms: z.array(zRoomSummary) });
const zSessions = z.object({ sessions: z.array(zSession) });
const zLinks = z.object({ links: z.array(zSignupLink) });

/** The rooms this token steers: every one for the admin, their own for a leader. */
export async function fetchRooms(token: string, signal?: AbortSignal): Promise<Answer<RoomSummary[]>> {
  const answer = await parseAnswer(await getWithToken('/api/rooms', token, signal), zRooms);
  return answer.ok ? { ok: true, data: answer.data.rooms } : answer;
}

/** The sessions between `from` and `to` with their places, teams and, once ended, who came; `roomId` null: every room. */
export async function fetchPlanning(token: string, range: { roomId: number | null; from: string; to: string }, signal?: AbortSignal): Promise<Answer<Planning>> {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (range.roomId !== null) query.set('roomId', String(range.roomId));
  return onCampaignClock(await parseAnswer(await getWithToken(`/api/mobilisation?${query}`, token, signal), zMobilisation));
}

export type NewSessions =
  | { startsAt: string; endsAt: string; capacity?: number }
  | { series: { from: string; to: string; weekdays: number[]; dailyStart: string; dailyEnd: string; slotMinutes: number }; capacity?: number };

export async function createSessions(token: string, roomId: number, input: NewSessions) {
  return parseAnswer(await sendWithToken('POST', `/api/rooms/${roomId}/sessions`, token, input), zSessions);
}

export async function updateSession(token: string, sessionId: number, change: { startsAt?: string; endsAt?: string; capacity?: number }) {
  return parseAnswer(await sendWithToken('PATCH', `/api/sessions/${sessionId}`, token, change), zSession);
}

/** A 204 has no body to parse: success is the status alone. */
async function deleted(path: string, token: string): Promise<Answer<null>> {
  const result = await deleteWithToken(path, token);
  return result.ok ? { ok: true, data: null } : result;
}

export function cancelSession(token: string, sessionId: number): Promise<Answer<null>> {
  return deleted(`/api/sessions/${sessionId}`, token);
}

export async function saveAddress(token: string, roomId: number, address: string | null) {
  return parseAnswer(await sendWithToken('PUT', `/api/rooms/${roomId}/address`, token, { address }), zRoomAddress);
}

export async function fetchSignupLinks(token: string, signal?: AbortSignal): Promise<Answer<SignupLinkRow[]>> {
  const answer = await parseAnswer(await getWithToken('/api/signup-links', token, signal), zLinks);
  return answer.ok ? { ok: true, data: answer.data.links } : answer;
}

export async function createSignupLink(token: string, link: { roomId?: number; label?: string }) {
  return parseAnswer(await sendWithToken('POST', '/api/signup-links', token, link), zAccessLink);
}

export function revokeSignupLink(token: string, linkId: number): Promise<Answer<null>> {
  return deleted(`/api/signup-links/${linkId}`, token);
}

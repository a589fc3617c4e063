import {
  zAccessLink,
  zAssociationSummary,
  zLinkSummary,
  zRoomLinkSummary,
  zRoomSummary,
  zStationLink,
  type AccessLink,
  type AssociationInput,
  type AssociationSummary,
  type RoomLinkSummary,
  type RoomSummary,
} from '@ringstuga/shared';
import { z } from 'zod';
import { onCampaignClock } from '../lib/campaign-clock.ts';
import { deleteWithToken, getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';

export type { AccessLink, AssociationSummary, RoomLinkSummary, RoomSummary };
export type StationLink = z.infer<typeof zStationLink>;

const field = async <K extends string, T>(answer: Promise<Answer<Record<K, T>>>, key: K): Promise<Answer<T>> => {
  const read = await answer;
  return read.ok ? { ok: true, data: read.data[key] } : read;
};

export const fetchAssociations = async (token: string, signal?: AbortSignal) =>
  field(parseAnswer(await getWithToken('/api/associations', token, signal), z.object({ associations: z.array(zAssociationSummary) })), 'associations');

export const createAssociation = async (token: string, input: AssociationInput) =>
  parseAnswer(await sendWithToken('POST', '/api/associations', token, input), zAssociationSummary);

export const makeAssociationLink = async (token: string, associationId: number, label: string) =>
  parseAnswer(await sendWithToken('POST', `/api/associations/${associationId}/access`, token, { label }), zAccessLink);

/** The rooms; their answer names the campaign's clock, which the page shows times on. */
export async function fetchRooms(token: string, signal?: AbortSignal): Promise<Answer<RoomSummary[]>> {
  const answer = onCampaignClock(await parseAnswer(await getWithToken('/api/rooms', token, signal), z.object({ timeZone: z.string(), rooms: z.array(zRoomSummary) })));
  return answer.ok ? { ok: true, data: answer.data.rooms } : answer;
}

export const createRoom = async (token: string, name: string) => parseAnswer(await sendWithToken('POST', '/api/rooms', token, { name }), zRoomSummary);

export const addStations = async (token: string, roomId: number, count: number) =>
  parseAnswer(await sendWithToken('POST', `/api/rooms/${roomId}/stations`, token, { count }), z.object({ numbers: z.array(z.number().int()) }));

export const makeLeaderLink = async (token: string, roomId: number, label: string) =>
  parseAnswer(await sendWithToken('POST', '/api/leader-links', token, { roomId, label }), zAccessLink);

/** Every station's join link: they reach contacts' numbers, so only the admin's set-up shows them. */
export const fetchStationLinks = async (token: string, signal?: AbortSignal) =>
  field(parseAnswer(await getWithToken('/api/stations', token, signal), z.object({ stations: z.array(zStationLink) })), 'stations');

export const fetchRoomLinks = async (token: string, signal?: AbortSignal) =>
  field(parseAnswer(await getWithToken('/api/access-links', token, signal), z.object({ links: z.array(zRoomLinkSummary) })), 'links');

export async function revokeRoomLink(token: string, id: number): Promise<Answer<null>> {
  const result = await deleteWithToken(`/api/access-links/${id}`, token);
  return result.ok ? { ok: true, data: null } : result;
}

export const fetchAssociationLinks = async (token: string, associationId: number, signal?: AbortSignal) =>
  field(parseAnswer(await getWithToken(`/api/associations/${associationId}/access`, token, signal), z.object({ links: z.array(zLinkSummary) })), 'links');

export async function revokeAssociationLink(token: string, associationId: number, linkId: number): Promise<Answer<null>> {
  const result = await deleteWithToken(`/api/associations/${associationId}/access/${linkId}`, token);
  return result.ok ? { ok: true, data: null } : result;
}

import { z } from 'zod';
import { zAccessLink, zRoomSummary, zStationLink, type AccessLink } from '@ringstuga/shared';
import { api, bodyOf } from './http.ts';
import { ADMIN_TOKEN } from './server.ts';

/** Makes a leader or screen link with the admin token. */
export async function createLink(url: string, role: 'leader' | 'screen', body: { roomId?: number; label?: string }): Promise<AccessLink> {
  return bodyOf(await api(url, 'POST', `/api/${role}-links`, ADMIN_TOKEN, body), 201, zAccessLink);
}

/** Makes an association's access link with the admin token. */
export async function createAssociationLink(url: string, associationId: number, label?: string): Promise<AccessLink> {
  return bodyOf(await api(url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label }), 201, zAccessLink);
}

/** Adds a room with `count` stations (admin); returns its id and its stations' join tokens. */
export async function createRoom(
  url: string,
  name: string,
  count: number,
): Promise<{ roomId: number; stations: { id: number; number: number; token: string }[] }> {
  const { id: roomId } = await bodyOf(await api(url, 'POST', '/api/rooms', ADMIN_TOKEN, { name }), 201, zRoomSummary);
  await bodyOf(await api(url, 'POST', `/api/rooms/${roomId}/stations`, ADMIN_TOKEN, { count }), 201, z.unknown());
  const listed = await bodyOf(await api(url, 'GET', '/api/stations', ADMIN_TOKEN), 200, z.object({ stations: z.array(zStationLink) }));
  const stations = listed.stations
    .filter((station) => station.roomId === roomId)
    .map(({ id, number, token }) => ({ id, number, token }));
  return { roomId, stations };
}

import type { Why } from '@ringstuga/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, manualClock } from '../../helpers/campaign-server.ts';
import { createAssociationLink, createLink, createRoom } from '../../helpers/admin-setup.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

/** 1 October 2026, 10:00 UTC: before the DST change of 25 October. */
export const START = Date.UTC(2026, 9, 1, 10);
export const HOUR = 3_600_000;

/**
 * The fill-the-room tests' campaign: room 1 with `stations` stations, 'Rum 2' with 2, associations
 * A and B (each with a list of `contactsPerList` people, default 1), a leader of each room, each association's link, and a clock.
 */
export async function startFillRoom(options: { stations?: number; contactsPerList?: number; env?: Record<string, string> } = {}) {
  const clock = manualClock(START);
  const perList = options.contactsPerList ?? 1;
  const phones = (first: number) => Array.from({ length: perList }, (_, index) => phoneNumber(first + 2 * index));
  const campaign = await startCampaign({
    lists: [{ phones: phones(1) }, { phones: phones(2), municipalityCode: '0127', municipalityName: 'Botkyrka' }],
    stations: options.stations ?? 20,
    now: clock.now,
    env: { AUTH_FAILURES_PER_MINUTE: '10000', ...options.env },
  });
  const room2 = await createRoom(campaign.url, 'Rum 2', 2);
  const [a, b] = campaign.lists.map((list) => list.associationId) as [number, number];
  return {
    campaign,
    clock,
    url: campaign.url,
    room2: room2.roomId,
    associations: { A: a, B: b },
    leader1: (await createLink(campaign.url, 'leader', { roomId: 1 })).token,
    leader2: (await createLink(campaign.url, 'leader', { roomId: room2.roomId })).token,
    associationA: (await createAssociationLink(campaign.url, a, 'A')).token,
    associationB: (await createAssociationLink(campaign.url, b, 'B')).token,
  };
}

export type FillRoom = Awaited<ReturnType<typeof startFillRoom>>;

/** The JSON answer of a call that must have `status`. */
export async function expectStatus<T>(response: Promise<Response>, status: number): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return (text === '' ? null : JSON.parse(text)) as T;
}

/** A refusal with `status` whose reason and params a page says in its own language (shared/src/refusals.ts). */
export async function expectRefusal(response: Promise<Response>, status: number, why: Why): Promise<void> {
  const { error } = await expectStatus<{ error: { reason?: string; params?: unknown } }>(response, status);
  expect({ reason: error.reason, ...(error.params === undefined ? {} : { params: error.params }) }).toEqual(why);
}

export interface SessionView {
  id: number;
  roomId: number;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  waitlisted: number;
}

/** Makes one session in a room as the admin, `hoursAhead` from the clock, lasting two hours. */
export async function makeSession(room: FillRoom, options: { roomId?: number; hoursAhead?: number; capacity?: number } = {}): Promise<SessionView> {
  const startsAt = room.clock.now() + (options.hoursAhead ?? 24) * HOUR;
  const body = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity: options.capacity };
  const { sessions } = await expectStatus<{ sessions: SessionView[] }>(api(room.url, 'POST', `/api/rooms/${options.roomId ?? 1}/sessions`, ADMIN_TOKEN, body), 201);
  return sessions[0]!;
}

/** A sign-up link made by the admin (every room, or one). */
export async function signupLink(room: FillRoom, roomId?: number): Promise<string> {
  return (await expectStatus<{ token: string }>(api(room.url, 'POST', '/api/signup-links', ADMIN_TOKEN, roomId === undefined ? {} : { roomId }), 201)).token;
}

export interface SignupAnswer {
  bookings: { id: number; sessionId: number; status: string }[];
  token: string;
  url: string;
}

let people = 0;
/** A sign-up through `token` for a fresh person (or the given details). */
export function signUp(room: FillRoom, token: string, sessionIds: number[], person: { name?: string; email?: string; phone?: string } = {}) {
  people += 1;
  const details = person.email || person.phone ? person : { ...person, email: `volontar${people}@example.org` };
  return api(room.url, 'POST', '/api/signup/bookings', token, {
    sessionIds,
    name: person.name ?? `Volontär ${people}`,
    associationId: room.associations.A,
    consent: true,
    ...details,
  });
}

/** The mail rows queued, oldest first. */
export function outbox(room: FillRoom): Promise<{ key: string; kind: string; volunteer_id: number; booking_id: number | null }[]> {
  return room.campaign.app.store.read((q) => q.all(sql`SELECT key, kind, volunteer_id, booking_id FROM mail_outbox ORDER BY id`));
}

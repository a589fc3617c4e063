// Simulated volunteers who sign up through a sign-up link (POST /api/signup/bookings), as a person
// does on /signup, so a simulated campaign has bookings to check in with, and no-shows.
import { z } from 'zod';
import { zSignupOffer, zSignupResult } from '@ringstuga/shared';
import { SWEDISH_FIRST_NAMES, SWEDISH_SURNAMES } from '../../seeds/data/names.ts';
import type { Random } from './outcome-mix.ts';

export interface SignedUpVolunteer {
  name: string;
  /** Bookings that got a place (not the waiting list's): the ones a volunteer can check in with. */
  bookingIds: number[];
  /** The personal link's token (`/me#token=…`). */
  personalToken: string;
  /** False: this volunteer will not come, so the session's end marks their bookings `no_show`. */
  comes: boolean;
}

/** The token of a sign-up link, given as the link (`…/signup#token=…`) or as the token itself. */
export function signupTokenOf(input: string): string {
  const fromLink = /[#&?]token=([^&#]+)/.exec(input)?.[1];
  const token = decodeURIComponent(fromLink ?? input).trim();
  if (!/^[\w-]{16,200}$/.test(token)) throw new Error('the sign-up link or token is not one: copy the whole /signup#token=… address');
  return token;
}

/** Exactly round(count × share) of `count` people, chosen by `random`: a share that does not drift with a small count. */
function noShows(count: number, share: number, random: Random): Set<number> {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(0, Math.round(count * share)));
}

async function call<S extends z.ZodType>(url: string, token: string, path: string, schema: S, body?: object): Promise<z.output<S>> {
  const response = await fetch(`${url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 401) throw new Error(`${url} refused the sign-up link (401): revoked, or from another server`);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return schema.parse(await response.json());
}

/**
 * Signs up `count` invented volunteers, each booking the next `sessions` sessions the link offers.
 * The same seed signs up the same people, and the server answers a repeated sign-up with the same
 * person and bookings, so running again does not book twice.
 */
export async function signUpVolunteers(options: {
  url: string;
  token: string;
  count: number;
  sessions: number;
  noShowShare: number;
  random: Random;
  seed: number;
}): Promise<SignedUpVolunteer[]> {
  const { url, token, count, random } = options;
  const offer = await call(url, token, '/api/signup/sessions', zSignupOffer);
  const sessionIds = offer.sessions.slice(0, options.sessions).map((s) => s.id);
  if (sessionIds.length === 0) throw new Error('the sign-up link offers no upcoming session: make one first');
  const associationId = offer.team?.associationId;
  const absent = noShows(count, options.noShowShare, random);
  const volunteers: SignedUpVolunteer[] = [];
  // One at a time, as people sign up: who gets the last place and who waits stays the same per seed.
  for (let i = 0; i < count; i += 1) {
    const name = `${SWEDISH_FIRST_NAMES[(options.seed + i * 7) % SWEDISH_FIRST_NAMES.length]} ${SWEDISH_SURNAMES[(options.seed + i * 13) % SWEDISH_SURNAMES.length]}`;
    const answer = await call(url, token, '/api/signup/bookings', zSignupResult, {
      sessionIds,
      name,
      associationId: associationId ?? offer.associations[i % offer.associations.length]!.id,
      email: `simulerad.${options.seed}.${i + 1}@example.org`,
      consent: true,
    });
    volunteers.push({
      name,
      bookingIds: answer.bookings.filter((b) => b.status === 'booked').map((b) => b.id),
      personalToken: answer.token,
      comes: !absent.has(i),
    });
  }
  return volunteers;
}

import { zBookingResult, zMe, zSignupOffer, zSignupResult, zSignupSession } from '@ringstuga/shared';
import { z } from 'zod';
import { deleteWithToken, getWithToken, parseAnswer, sendWithToken, type Answer } from '../lib/http.ts';
import { onCampaignClock } from '../lib/campaign-clock.ts';

export type SignupOffer = z.infer<typeof zSignupOffer>;
export type SignupResult = z.infer<typeof zSignupResult>;
export type Me = z.infer<typeof zMe>;
const zOk = z.object({ ok: z.literal(true) });
const zMySessions = z.object({ sessions: z.array(zSignupSession) });
const zMoreBookings = z.object({ bookings: z.array(zBookingResult) });

export type BookingResult = z.infer<typeof zBookingResult>;

export interface SignupDetails {
  sessionIds: number[];
  name: string;
  associationId: number;
  email?: string;
  phone?: string;
  languages: string[];
}

/** The sessions this sign-up or team link can book, and the associations to choose from. */
export async function fetchOffer(token: string, signal?: AbortSignal): Promise<Answer<SignupOffer>> {
  return onCampaignClock(await parseAnswer(await getWithToken('/api/signup/sessions', token, signal), zSignupOffer));
}

export async function signUp(token: string, details: SignupDetails): Promise<Answer<SignupResult>> {
  return parseAnswer(await sendWithToken('POST', '/api/signup/bookings', token, { ...details, consent: true }), zSignupResult);
}

/** The personal page's content (a personal token). */
export async function fetchMe(token: string, signal?: AbortSignal): Promise<Answer<Me>> {
  return onCampaignClock(await parseAnswer(await getWithToken('/api/me', token, signal), zMe));
}

/** Upcoming sessions to book more of from the personal page. */
export async function fetchMySessions(token: string, signal?: AbortSignal): Promise<Answer<SignupOffer['sessions']>> {
  const answer = await parseAnswer(await getWithToken('/api/me/sessions', token, signal), zMySessions);
  return answer.ok ? { ok: true, data: answer.data.sessions } : answer;
}

export async function bookMore(token: string, sessionIds: number[]): Promise<Answer<{ bookings: BookingResult[] }>> {
  return parseAnswer(await sendWithToken('POST', '/api/me/bookings', token, { sessionIds }), zMoreBookings);
}

export async function cancelBooking(token: string, bookingId: number): Promise<Answer<unknown>> {
  return parseAnswer(await deleteWithToken(`/api/me/bookings/${bookingId}`, token), zOk);
}

/** Deletes the person's contact details; the link stops working. */
export async function deleteMe(token: string): Promise<Answer<unknown>> {
  return parseAnswer(await deleteWithToken('/api/me', token), zOk);
}

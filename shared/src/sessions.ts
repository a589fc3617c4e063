// Filling the room: calling sessions, sign-up, the personal page, teams and pledges (issue 14).
import { z } from 'zod';
import { zLanguageCode } from './schemas.ts';
import { zLinkSummary } from './room.ts';
import { zLineText } from './text.ts';

const zIsoDateTime = z.iso.datetime({ offset: true });
/** A local calendar date on the campaign's clock, `YYYY-MM-DD`. */
export const zLocalDate = z.iso.date();
/** A local time of day on the campaign's clock, `HH:MM` (24:00 ends a window at midnight). */
export const zLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day such as 14:00');

/** Most sessions one series may make: a typo in a date range must not fill the calendar. */
export const SERIES_MAX_SESSIONS = 500;

/**
 * A series: every chosen weekday (ISO numbers, Monday 1 … Sunday 7) from `from` to `to`
 * inclusive, its daily window cut into back-to-back slots of `slotMinutes` (a last slot that
 * does not fit is left out). Times are local on the campaign's clock.
 */
export const zSessionSeries = z
  .strictObject({
    from: zLocalDate,
    to: zLocalDate,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    dailyStart: zLocalTime,
    dailyEnd: zLocalTime,
    slotMinutes: z.number().int().min(15).max(24 * 60),
  })
  .refine((series) => series.from <= series.to, { message: 'to must not be before from', path: ['to'] })
  .refine((series) => series.dailyStart < series.dailyEnd, { message: 'dailyEnd must be after dailyStart', path: ['dailyEnd'] });

export const zSessionCapacity = z.number().int().min(1).max(10_000);

/** The campaign a new session belongs to; default: the active campaign that started last. */
const zSessionCampaign = z.number().int().positive().optional();

export const zSessionInput = z.union([
  z.strictObject({ startsAt: zIsoDateTime, endsAt: zIsoDateTime, capacity: zSessionCapacity.optional(), campaignId: zSessionCampaign }),
  z.strictObject({ series: zSessionSeries, capacity: zSessionCapacity.optional(), campaignId: zSessionCampaign }),
]);
export type SessionInput = z.infer<typeof zSessionInput>;

export const zSessionUpdate = z
  .strictObject({ startsAt: zIsoDateTime.optional(), endsAt: zIsoDateTime.optional(), capacity: zSessionCapacity.optional() })
  .refine((update) => Object.keys(update).length > 0, { message: 'nothing to change' });

export const zSession = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  capacity: z.number().int(),
  /** Places taken (booked, attended or no-show), team places included. */
  booked: z.number().int(),
  waitlisted: z.number().int(),
  /** Places held for teams (taken or not). */
  teamPlaces: z.number().int(),
});
export type Session = z.infer<typeof zSession>;

export const zSessionsQuery = z.strictObject({ from: zIsoDateTime.optional(), to: zIsoDateTime.optional() });

/** Where volunteers go (street, floor, door code): shown at sign-up, on the personal page and in the calendar. */
export const zRoomAddressInput = z.strictObject({ address: zLineText().max(200).nullable() });
export const zRoomAddress = z.object({ id: z.number().int(), address: z.string().nullable() });

export const zSignupLinkInput = z.strictObject({ roomId: z.number().int().positive().optional(), label: zLineText().max(80).optional() });
export const zSignupLink = zLinkSummary.extend({ roomId: z.number().int().nullable() });

export const zSignupSession = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  room: z.string(),
  address: z.string().nullable(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  capacity: z.number().int(),
  booked: z.number().int(),
  /** Places this link can still book; 0 means a sign-up is waitlisted. */
  free: z.number().int(),
});

export const zSignupOffer = z.object({
  /** The campaign's clock (TIME_ZONE): the page reads days and times on it. */
  timeZone: z.string(),
  sessions: z.array(zSignupSession),
  associations: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** Set for a team link: the association whose places it books. */
  team: z.object({ id: z.number().int(), associationId: z.number().int(), association: z.string() }).nullable(),
});

export const zBookingStatus = z.enum(['booked', 'waitlisted', 'cancelled', 'attended', 'no_show']);
export type BookingStatus = z.infer<typeof zBookingStatus>;

const zSessionIds = z.array(z.number().int().positive()).min(1).max(50);

/**
 * A volunteer's email, normalised here (a retried sign-up with `Asa@…` is the same one as with
 * `asa@…`, and the admin's lookup finds it), and phone as typed (the server normalises it).
 */
export const zVolunteerEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const zVolunteerPhone = z.string().trim().min(1).max(40);

export const zSignupInput = z
  .strictObject({
    sessionIds: zSessionIds,
    name: zLineText().min(1).max(80),
    associationId: z.number().int().positive(),
    email: zVolunteerEmail.optional(),
    phone: zVolunteerPhone.optional(),
    languages: z.array(zLanguageCode).max(10).optional(),
    consent: z.literal(true),
  })
  .refine((input) => input.email !== undefined || input.phone !== undefined, { message: 'give an email address or a phone number', path: ['email'] });

export const zBookingResult = z.object({ id: z.number().int(), sessionId: z.number().int(), status: zBookingStatus });
export const zSignupResult = z.object({ bookings: z.array(zBookingResult), token: z.string(), url: z.string() });
export const zMoreBookingsInput = z.strictObject({ sessionIds: zSessionIds });

export const zPledgeProgress = z.object({
  id: z.number().int(),
  name: z.string(),
  associationId: z.number().int(),
  shifts: z.number().int(),
  /** Attended sessions that started before `by`. */
  attended: z.number().int(),
  /** Places booked (not yet attended) in sessions that start before `by`. */
  booked: z.number().int(),
  by: zLocalDate,
});

export const zMyBooking = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  roomId: z.number().int(),
  room: z.string(),
  address: z.string().nullable(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  status: zBookingStatus,
  /** The session itself was cancelled (the booking then reads `cancelled`). */
  sessionCancelled: z.boolean(),
});

export const zMe = z.object({
  /** The campaign's clock (TIME_ZONE): the page reads days and times on it. */
  timeZone: z.string(),
  name: z.string(),
  associationId: z.number().int().nullable(),
  bookings: z.array(zMyBooking),
  pledges: z.array(zPledgeProgress),
});

export const zTeamInput = z.strictObject({
  sessionId: z.number().int().positive(),
  places: z.number().int().min(1).max(10_000),
  captain: zLineText().min(1).max(80),
});
export const zTeam = z.object({ id: z.number().int(), sessionId: z.number().int(), places: z.number().int() });
export const zTeamSummary = zTeam.extend({
  captain: z.string(),
  roomId: z.number().int(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  /** Team places taken by members. */
  taken: z.number().int(),
  revoked: z.boolean(),
});

export const zPledgeInput = z.strictObject({
  name: zLineText().min(1).max(80),
  associationId: z.number().int().positive(),
  shifts: z.number().int().min(1).max(1000),
  by: zLocalDate,
});
export const zPledge = z.object({ id: z.number().int(), name: z.string(), shifts: z.number().int(), attended: z.number().int() });

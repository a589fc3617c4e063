// Planning and the early warning (issue 14): the next weeks' sessions with their places and
// teams, figures per association, and who came before but has not booked again.
import { z } from 'zod';
import { zLocalDate } from './sessions.ts';

const zIsoDateTime = z.iso.datetime({ offset: true });
/** An instant, or a local date on the campaign's clock (`from`: its start; `to`: its end). */
const zDateOrInstant = z.union([zLocalDate, zIsoDateTime]);

export const zMobilisationQuery = z.strictObject({
  roomId: z.coerce.number().int().positive().optional(),
  from: zDateOrInstant.optional(),
  to: zDateOrInstant.optional(),
});

export const zMobilisationTeam = z.object({
  id: z.number().int(),
  associationId: z.number().int(),
  association: z.string(),
  places: z.number().int(),
  /** Team places taken by members. */
  taken: z.number().int(),
});

export const zMobilisationSession = z.object({
  id: z.number().int(),
  roomId: z.number().int(),
  room: z.string(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  capacity: z.number().int(),
  /** Places taken (booked, attended or no-show), team places included. */
  booked: z.number().int(),
  waitlisted: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  teams: z.array(zMobilisationTeam),
  /** Not started, starts within MOBILISATION_WARNING_DAYS, and under MOBILISATION_WARNING_PERCENT of capacity booked. */
  warning: z.boolean(),
  /** The hours at a station of those who came (their shifts'), once the session has ended; 0 before. */
  hours: z.number(),
  /** The attempts of those who came (their shifts'), once the session has ended; 0 before. */
  attempts: z.number().int(),
});

export const zMobilisationAssociation = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Places its volunteers took (booked, attended or no-show) in the sessions shown. */
  booked: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  /** noShows / (attended + noShows), rounded to 0.01; null before any session ended. */
  noShowRate: z.number().nullable(),
  /** Shifts promised in its pledges still open in the range (deadline after `from`, made before `to`). */
  pledged: z.number().int(),
});

export const zMobilisation = z.object({
  /** The campaign's clock (TIME_ZONE): the page reads days and times on it. */
  timeZone: z.string(),
  from: zIsoDateTime,
  to: zIsoDateTime,
  sessions: z.array(zMobilisationSession),
  associations: z.array(zMobilisationAssociation),
});
export type Mobilisation = z.infer<typeof zMobilisation>;

/** Weeks without a booking before someone who came counts as "not booked this time". */
export const RETURNING_WEEKS = { min: 1, max: 52, default: 4 } as const;

export const zReturningVolunteersQuery = z.strictObject({
  weeks: z.coerce.number().int().min(RETURNING_WEEKS.min).max(RETURNING_WEEKS.max).default(RETURNING_WEEKS.default),
});

export const zReturningVolunteer = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Sessions they came to. */
  attended: z.number().int(),
  /** The start of the last session they came to. */
  lastSessionAt: zIsoDateTime,
});
export type ReturningVolunteer = z.infer<typeof zReturningVolunteer>;

export const zReturningVolunteers = z.object({ volunteers: z.array(zReturningVolunteer) });

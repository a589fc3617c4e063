import { z } from 'zod';
import { OUTCOMES } from './outcomes.ts';
import { zAnswers, zQuestionView } from './questions.ts';
import { zLineText, zMultilineText } from './text.ts';

/** Longest note a caller may leave on an attempt. */
export const NOTE_MAX_LENGTH = 1000;
/** How far ahead a call-back may be booked. */
export const CALLBACK_MAX_DAYS = 90;

export const zOutcome = z.enum(OUTCOMES);

const zIsoDateTime = z.iso.datetime({ offset: true });

/** A language a volunteer can call in or a contact prefers: an ISO 639-1 (or -2) code, e.g. `sv`, `en`, `ar`. */
export const zLanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code such as sv or en');

/** The campaign's calling language: every volunteer is taken to speak it, and its script is a list's default. */
export const CALLING_LANGUAGE = 'sv';

export const zCallOutcomeInput = z
  .strictObject({
    assignmentId: z.uuid(),
    outcome: zOutcome,
    note: zMultilineText({ max: NOTE_MAX_LENGTH }).optional(),
    callbackAt: zIsoDateTime.optional(),
    /** With `language_barrier`: the language the person speaks, when the caller could tell (else the contact's preferred one). */
    language: zLanguageCode.optional(),
    /** With `conversation`: the answers to the list's questions (unanswered ones left out). */
    answers: zAnswers.optional(),
  })
  .refine((input) => input.outcome !== 'call_back' || input.callbackAt !== undefined, {
    message: 'callbackAt is required when the outcome is call_back',
    path: ['callbackAt'],
  })
  .refine((input) => input.outcome === 'language_barrier' || input.language === undefined, {
    message: 'language goes only with the outcome language_barrier',
    path: ['language'],
  });
export type CallOutcomeInput = z.infer<typeof zCallOutcomeInput>;

export const zSkipInput = z.strictObject({ assignmentId: z.uuid() });
export type SkipInput = z.infer<typeof zSkipInput>;

export const zAttempt = z.object({
  at: zIsoDateTime,
  outcome: zOutcome,
  note: z.string().nullable(),
  callbackAt: zIsoDateTime.nullable(),
});
export type Attempt = z.infer<typeof zAttempt>;

export const zNamedRef = z.object({ id: z.number().int(), name: z.string() });

export const zContactCard = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  phoneDisplay: z.string(),
  votingDistrict: z.string().nullable(),
  /** The language the person prefers (from the list), or null for the calling language. */
  preferredLanguage: z.string().nullable(),
  municipality: z.object({ code: z.string(), name: z.string() }),
  association: zNamedRef,
  /** The list the contact is on, with what the caller should say; a leader's edit is pushed as `list:script`. */
  list: zNamedRef.extend({
    script: z.string().nullable(),
    instructions: z.string().nullable(),
    /** The script's language: the contact's preferred one when the list has a script in it, else null (the default). */
    scriptLanguage: z.string().nullable(),
    /** Off: the station offers no note field, and the server refuses notes (the list's owner chose so). */
    notesEnabled: z.boolean(),
  }),
  attempts: z.number().int(),
  history: z.array(zAttempt),
  /** The questions to ask in a conversation, in order (the list's own and its campaign's). */
  questions: z.array(zQuestionView),
});
export type ContactCard = z.infer<typeof zContactCard>;

export const zAssignment = z.object({
  id: z.uuid(),
  contact: zContactCard,
  expiresAt: zIsoDateTime,
});
export type Assignment = z.infer<typeof zAssignment>;

/** Why a station was handed nothing. */
export const zEmptyReason = z.enum([
  'not_checked_in',
  'outside_calling_hours',
  'list_paused',
  'cooling_down',
  'all_held',
  /** Nothing else left: the rest wait for a volunteer who speaks their language (after a language barrier). */
  'waiting_for_speaker',
  'list_empty',
  /** The station was handed contacts faster than STATION_CONTACTS_PER_MINUTE allows: nextAvailableAt says when it may again. */
  'rate_limited',
]);
export type EmptyReason = z.infer<typeof zEmptyReason>;

export const zErrorCode = z.enum([
  'invalid_payload',
  'not_found',
  'assignment_closed',
  'assignment_taken',
  'unavailable',
  'not_checked_in',
  'internal',
]);
export type ErrorCode = z.infer<typeof zErrorCode>;

export const zFailure = z.object({
  ok: z.literal(false),
  error: z.object({ code: zErrorCode, message: z.string() }),
});
export type Failure = z.infer<typeof zFailure>;

export const zContactNextResult = z.union([
  z.object({ ok: z.literal(true), assignment: zAssignment }),
  // Nothing to hand out: always says why, and when something may come (if known).
  z.object({
    ok: z.literal(true),
    assignment: z.null(),
    reason: zEmptyReason,
    nextAvailableAt: zIsoDateTime.optional(),
  }),
  zFailure,
]);
export type ContactNextResult = z.infer<typeof zContactNextResult>;

export const zOkResult = z.union([z.object({ ok: z.literal(true) }), zFailure]);
export type OkResult = z.infer<typeof zOkResult>;

/** The five campaign figures, kept as counters in the same transaction as each outcome. */
export const zTotals = z.object({
  contacts: z.number().int(),
  personsCalled: z.number().int(),
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
});
export type Totals = z.infer<typeof zTotals>;

export const zMunicipalityStanding = zTotals.extend({ code: z.string(), name: z.string() });
export type MunicipalityStanding = z.infer<typeof zMunicipalityStanding>;

export const zLeaderboard = z.object({ municipalities: z.array(zMunicipalityStanding) });
export type Leaderboard = z.infer<typeof zLeaderboard>;

export const zStationLink = z.object({
  id: z.number().int(),
  number: z.number().int(),
  name: z.string(),
  token: z.string(),
  url: z.string(),
  /** The one list this station calls, or null for its volunteer's association's (or every active) list. */
  listId: z.number().int().nullable(),
  roomId: z.number().int(),
  /** Made by a call leader for a volunteer calling from home or another site. */
  remote: z.boolean(),
});
export type StationLink = z.infer<typeof zStationLink>;

/** A remote station a call leader makes: a volunteer at home or at another site calls from their own phone or computer. */
export const zRemoteStationInput = z.strictObject({ name: zLineText().min(1, 'a name is required').max(40) });

/** Fixes a station to one list, or (null) lets it call every active list. */
export const zStationScopeInput = z.strictObject({ listId: z.number().int().positive().nullable() });

/** How a station joins `/station`. */
export const zStationAuth = z.object({ token: z.string().min(1).max(512) });

export const zCallListSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  active: z.boolean(),
  association: z.object({ id: z.number().int(), name: z.string() }),
  municipality: z.object({ code: z.string(), name: z.string() }),
  contacts: z.number().int(),
  notesEnabled: z.boolean(),
});
export type CallListSummary = z.infer<typeof zCallListSummary>;

/** A volunteer booked for the room's session now who has not checked in yet. */
export const zExpectedVolunteer = z.object({ bookingId: z.number().int(), name: z.string() });
export type ExpectedVolunteer = z.infer<typeof zExpectedVolunteer>;

export const zStationHello = z.object({
  station: z.object({ id: z.number().int(), number: z.number().int(), name: z.string() }),
  room: zNamedRef,
  /** What a volunteer can check in for. */
  associations: z.array(zNamedRef.extend({ municipality: z.string() })),
  demo: z.boolean(),
  /** The campaign's time zone: calling hours, call-back times and all times shown are in it. */
  timeZone: z.string(),
  /** Who is booked for the room's session now (check-in opens 30 minutes before it) and not yet checked in. */
  expected: z.array(zExpectedVolunteer).optional(),
});
export type StationHello = z.infer<typeof zStationHello>;

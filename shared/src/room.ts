// The call leader's room, check-in and shifts, standings and the big screen: the contract.
import { z } from 'zod';
import { zQuestionKey, zQuestionView, zValueCounts } from './questions.ts';
import { zFailure, zLanguageCode, zNamedRef } from './schemas.ts';
import { zLineText, zMultilineText } from './text.ts';

const zIsoDateTime = z.iso.datetime({ offset: true });
const zId = z.number().int().positive();

/** Longest name a volunteer may check in with, and longest leader message or flag. */
export const VOLUNTEER_NAME_MAX = 40;
export const ROOM_MESSAGE_MAX = 280;
export const SCRIPT_MAX = 4000;

/** A walk-in checks in by name, as before any booking. */
export const zWalkInCheckin = z.strictObject({
  name: zLineText().min(1, 'a name is required').max(VOLUNTEER_NAME_MAX),
  /** The association the volunteer calls for; null for the district as a whole (every list). */
  associationId: zId.nullable(),
  languages: z
    .array(zLanguageCode)
    .max(10)
    .transform((codes) => [...new Set(codes)])
    .optional(),
});
export type WalkInCheckin = z.infer<typeof zWalkInCheckin>;

/**
 * Check-in: a walk-in by name, or a booked volunteer by the booking picked from "expected now"
 * (`bookingId`) or by the personal token their QR code carries (`personalToken`); then the shift's
 * name, association and languages are the volunteer's.
 */
export const zCheckinInput = z.union([
  zWalkInCheckin,
  z.strictObject({ bookingId: zId }),
  z.strictObject({ personalToken: z.string().trim().min(1).max(512) }),
]);
export type CheckinInput = z.infer<typeof zCheckinInput>;


/** What a volunteer's shift achieved; shown to that volunteer only, never ranked. */
export const zShift = z.object({
  id: z.number().int(),
  name: z.string(),
  association: zNamedRef.nullable(),
  languages: z.array(z.string()),
  startedAt: zIsoDateTime,
  endedAt: zIsoDateTime.nullable(),
  endReason: z.enum(['checkout', 'idle', 'replaced']).nullable(),
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
});
export type Shift = z.infer<typeof zShift>;

export const zShiftResult = z.union([z.object({ ok: z.literal(true), shift: zShift }), zFailure]);
export type ShiftResult = z.infer<typeof zShiftResult>;

export const zFlagInput = z.strictObject({
  message: zMultilineText({ min: 1, minMessage: 'a message is required', max: ROOM_MESSAGE_MAX }),
  /** The call the flag is about: the station's current or last assignment. */
  assignmentId: z.uuid().optional(),
});
export type FlagInput = z.infer<typeof zFlagInput>;

export const zRoomMessage = z.object({ id: z.number().int(), text: z.string(), createdAt: zIsoDateTime });
export type RoomMessage = z.infer<typeof zRoomMessage>;

export const zListScript = z.object({
  listId: z.number().int(),
  /** null: the list's default script (in the calling language). */
  language: z.string().nullable(),
  /** The language whose script was just removed: stations showing it show this (the default) instead. */
  fallbackFor: z.string().optional(),
  script: z.string().nullable(),
  instructions: z.string().nullable(),
});
export type ListScript = z.infer<typeof zListScript>;

/** What a station's tile on the room board is built from; `tileStatus` turns it into a state. */
export const zStationTile = z.object({
  id: z.number().int(),
  number: z.number().int(),
  name: z.string(),
  online: z.boolean(),
  /** A remote station (a volunteer at home or at another site). */
  remote: z.boolean(),
  /** The list a leader fixed this station to, or null. */
  fixedListId: z.number().int().nullable(),
  shift: zShift.nullable(),
  /** When the station's current contact was handed out; null when it holds none. */
  callStartedAt: zIsoDateTime.nullable(),
  /** The last check-in, hand-out or outcome at this station. */
  lastActivityAt: zIsoDateTime.nullable(),
  /** Refused contacts lately for asking faster than STATION_CONTACTS_PER_MINUTE (a leaked link harvesting, or a script). */
  rateLimited: z.boolean(),
  /** Contacts the current volunteer skipped in a row, without an outcome between. */
  skipsInARow: z.number().int().min(0),
});
export type StationTile = z.infer<typeof zStationTile>;

export const TILE_STATUSES = ['offline', 'not_checked_in', 'waiting', 'on_call', 'idle'] as const;
export type TileStatus = (typeof TILE_STATUSES)[number];

/**
 * A tile's state at `now`: offline (no connection), not checked in, waiting for a contact, on a
 * call, or idle (nothing happened for `idleAfterMs`, on a call or not). Pure, so the board can
 * tick it forward between pushes.
 */
export function tileStatus(tile: StationTile, now: number, idleAfterMs: number): TileStatus {
  if (!tile.online) return 'offline';
  if (!tile.shift) return 'not_checked_in';
  const last = tile.lastActivityAt ? Date.parse(tile.lastActivityAt) : Date.parse(tile.shift.startedAt);
  if (now - last >= idleAfterMs) return 'idle';
  return tile.callStartedAt ? 'on_call' : 'waiting';
}

export const zFigures = z.object({
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
});
export type Figures = z.infer<typeof zFigures>;

export const zPace = z.object({
  lastHour: zFigures,
  today: zFigures,
  /** Volunteer hours given today (open shifts counted up to now). */
  volunteerHoursToday: z.number(),
  /** Today's attempts per volunteer-hour; null before anyone has checked in today. */
  attemptsPerVolunteerHour: z.number().nullable(),
  /** Today, per local clock hour (0–23). */
  hourly: z.array(zFigures.extend({ hour: z.number().int().min(0).max(23) })),
  /** The whole campaign, per local day (YYYY-MM-DD). */
  daily: z.array(zFigures.extend({ day: z.string() })),
});
export type Pace = z.infer<typeof zPace>;

/** Why a list offers what it offers: every contact falls in exactly one of these. */
export const zListBreakdown = z.object({
  listId: z.number().int(),
  name: z.string(),
  association: zNamedRef,
  /** On the room board: offered to this room's stations (paused neither for the campaign nor for this room). */
  active: z.boolean(),
  script: z.string().nullable(),
  instructions: z.string().nullable(),
  /** The list's scripts in other languages. */
  translations: z.array(z.object({ language: z.string(), script: z.string().nullable(), instructions: z.string().nullable() })),
  counts: z.object({
    /** Offered now. */
    ready: z.number().int(),
    /** Held by a station (its number is being called). */
    held: z.number().int(),
    /** Waiting for a booked call-back time. */
    callbackWaiting: z.number().int(),
    /** Unanswered, waiting out the cool-down. */
    coolingDown: z.number().int(),
    /** A language barrier: waiting for a volunteer who speaks the person's language. */
    waitingForSpeaker: z.number().int(),
    doNotCall: z.number().int(),
    outOfAttempts: z.number().int(),
    /**
     * Not offered because of what happened through another list (reached, held or closed there, or
     * the do-not-call register). An association's own progress counts all of these here and nothing
     * more precise; the leader's board counts here those reached through another list.
     */
    notOffered: z.number().int(),
    /** Done for any other reason: reached, declined, wrong number. */
    done: z.number().int(),
  }),
});
export type ListBreakdown = z.infer<typeof zListBreakdown>;

export const zFlag = z.object({
  id: z.number().int(),
  station: z.object({ id: z.number().int(), number: z.number().int(), name: z.string() }),
  volunteer: z.string().nullable(),
  message: z.string(),
  createdAt: zIsoDateTime,
});
export type Flag = z.infer<typeof zFlag>;

/** One row of a standings table; coverage is personsCalled / contacts. */
export const zStandingFigures = zFigures.extend({
  contacts: z.number().int(),
  personsCalled: z.number().int(),
  volunteerHours: z.number(),
});
export type StandingFigures = z.infer<typeof zStandingFigures>;

export const zStandingRow = z.object({
  key: z.string(),
  name: z.string(),
  /** For an association row: its municipality's name. */
  municipality: z.string().nullable(),
  today: zStandingFigures,
  campaign: zStandingFigures,
});
export type StandingRow = z.infer<typeof zStandingRow>;

export const zStandings = z.object({
  /** null: every room; otherwise figures from that room's stations only (contacts stay whole-list). */
  roomId: z.number().int().nullable(),
  /** null: every active campaign together; otherwise that campaign's figures only. */
  campaignId: z.number().int().nullable(),
  municipalities: z.array(zStandingRow),
  associations: z.array(zStandingRow),
});
export type Standings = z.infer<typeof zStandings>;

export const zRoomRef = zNamedRef;

/** An association's team in one of today's sessions in the room: places booked, never who. */
export const zRoomTeam = z.object({
  id: z.number().int(),
  association: zNamedRef,
  sessionId: z.number().int(),
  startsAt: zIsoDateTime,
  endsAt: zIsoDateTime,
  places: z.number().int(),
  booked: z.number().int(),
});
export type RoomTeam = z.infer<typeof zRoomTeam>;

/** One question's totals on the board and the big screen: answers counted per value, no person. */
export const zQuestionCounts = zQuestionView.extend({
  /** Calls in which it was answered (live and archived). */
  answered: z.number().int(),
  values: zValueCounts,
});
export type QuestionCounts = z.infer<typeof zQuestionCounts>;

/** A list's questions (its own and its campaign's, not retired) and their totals, on the room board. */
export const zListQuestionCounts = z.object({ listId: z.number().int(), questions: z.array(zQuestionCounts) });
export type ListQuestionCounts = z.infer<typeof zListQuestionCounts>;

/** The question a leader put on the room's big screen. */
export const zScreenQuestionChoice = z.strictObject({ listId: zId, key: zQuestionKey });
export type ScreenQuestionChoice = z.infer<typeof zScreenQuestionChoice>;

export const zRoomState = z.object({
  room: zRoomRef,
  generatedAt: zIsoDateTime,
  timeZone: z.string(),
  /** The active campaigns; where several are, the leader chooses which one the standings show. */
  campaigns: z.array(zNamedRef),
  /** The campaign the standings show; null: every active campaign together. */
  campaignId: z.number().int().nullable(),
  /** A tile with no activity for this long shows as idle. */
  idleAfterMs: z.number().int(),
  stations: z.array(zStationTile),
  pace: zPace,
  lists: z.array(zListBreakdown),
  flags: z.array(zFlag),
  /** Every room's figures. */
  standings: zStandings,
  /** The same, counting only this room's stations. */
  roomStandings: zStandings,
  /** Today's and tonight's teams in this room, as on the big screen. */
  teams: z.array(zRoomTeam),
  /** Each list's question totals (lists without questions left out); counts only. */
  questions: z.array(zListQuestionCounts),
  /** The question shown on this room's big screen, or null. */
  screenQuestion: zScreenQuestionChoice.nullable(),
});
export type RoomState = z.infer<typeof zRoomState>;

/** The big screen's view: figures only, no names or numbers of anyone. */
export const zScreenState = z.object({
  room: zRoomRef,
  generatedAt: zIsoDateTime,
  timeZone: z.string(),
  /** The active campaigns; where several are, the leader chooses which one the standings show. */
  campaigns: z.array(zNamedRef),
  /** The campaign the standings show; null: every active campaign together. */
  campaignId: z.number().int().nullable(),
  pace: zPace,
  standings: zStandings,
  /** Today's and tonight's teams in this room (sessions not yet ended), by start. */
  teams: z.array(zRoomTeam),
  /** The question a leader chose to show, with its list's name and totals; null when none is chosen. */
  question: zQuestionCounts.extend({ listName: z.string() }).nullable(),
});
export type ScreenState = z.infer<typeof zScreenState>;

// Leader commands on `/room`.
export const zStationScopeCommand = z.strictObject({ stationId: zId, listId: zId.nullable() });
export const zListCommand = z.strictObject({ listId: zId });
export const zListScriptCommand = z.strictObject({
  listId: zId,
  /** Absent or null: the default script; a language code: the script for contacts who prefer that language. */
  language: zLanguageCode.nullable().optional(),
  script: zMultilineText({ max: SCRIPT_MAX }).nullable(),
  instructions: zMultilineText({ max: SCRIPT_MAX }).nullable(),
});
export const zRoomMessageCommand = z.strictObject({ text: zMultilineText({ min: 1, minMessage: 'a message is required', max: ROOM_MESSAGE_MAX }) });
export const zFlagCommand = z.strictObject({ flagId: zId });
/** The campaign the room's board and big screen show; null: every active campaign together. */
export const zRoomCampaignCommand = z.strictObject({ campaignId: zId.nullable() });
/** Puts a question on the room's big screen, or (null) takes it off. */
export const zScreenQuestionCommand = z.strictObject({ question: zScreenQuestionChoice.nullable() });
export type ScreenQuestionCommand = z.infer<typeof zScreenQuestionCommand>;
export type StationScopeCommand = z.infer<typeof zStationScopeCommand>;
export type ListCommand = z.infer<typeof zListCommand>;
export type ListScriptCommand = z.infer<typeof zListScriptCommand>;
export type RoomMessageCommand = z.infer<typeof zRoomMessageCommand>;
export type FlagCommand = z.infer<typeof zFlagCommand>;

// HTTP: links and rooms.
export const zAccessLink = z.object({ token: z.string(), url: z.string() });
export type AccessLink = z.infer<typeof zAccessLink>;
/** A link as lists of links show it: never its token. */
export const zLinkSummary = z.object({ id: z.number().int(), label: z.string().nullable(), createdAt: zIsoDateTime, revoked: z.boolean() });
/** A leader's or a big screen's link, with its room. */
export const zRoomLinkSummary = zLinkSummary.extend({
  role: z.enum(['leader', 'screen']),
  room: z.object({ id: z.number().int(), name: z.string() }),
});
export type RoomLinkSummary = z.infer<typeof zRoomLinkSummary>;
export const zLeaderLinkInput = z.strictObject({ roomId: zId, label: zLineText().max(80).optional() });
export const zScreenLinkInput = z.strictObject({ roomId: zId.optional(), label: zLineText().max(80).optional() });
export const zRoomInput = z.strictObject({ name: zLineText().min(1).max(80) });
/** Stations added to a room in one request, at most. */
export const MAX_STATIONS_AT_ONCE = 200;
/** `stations`: fixed and remote, the most a session may hold; `address`: where volunteers go, null until set. */
export const zRoomSummary = zRoomRef.extend({ stations: z.number().int(), address: z.string().nullable() });
export type RoomSummary = z.infer<typeof zRoomSummary>;

/** How a leader or a screen joins `/room` or `/screen`. */
export const zAccessAuth = z.object({ token: z.string().min(1).max(512) });

/** The figures the 2018 report lacked: who came, for how many shifts and hours, and what they gave. */
export const zVolunteerTotalsRow = z.object({
  /** Distinct people: the same name (trimmed, any case) for the same association counts once. */
  volunteers: z.number().int(),
  shifts: z.number().int(),
  volunteerHours: z.number(),
  attempts: z.number().int(),
  answered: z.number().int(),
  conversations: z.number().int(),
  attemptsPerVolunteerHour: z.number().nullable(),
});
export type VolunteerTotalsRow = z.infer<typeof zVolunteerTotalsRow>;

export const zVolunteerTotals = z.object({
  campaign: zVolunteerTotalsRow,
  /** Every association (zeros too), then the district-wide row (id null) if anyone checked in so. */
  associations: z.array(zVolunteerTotalsRow.extend({ id: z.number().int().nullable(), name: z.string() })),
  rooms: z.array(zVolunteerTotalsRow.extend({ id: z.number().int(), name: z.string() })),
});
export type VolunteerTotals = z.infer<typeof zVolunteerTotals>;

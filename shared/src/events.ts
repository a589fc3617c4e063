import { z } from 'zod';
import { zCallOutcomeInput, zContactNextResult, zExpectedVolunteer, zLeaderboard, zOkResult, zSkipInput, zStationHello } from './schemas.ts';
import {
  zCheckinInput,
  zFlagCommand,
  zScreenQuestionCommand,
  zFlagInput,
  zListCommand,
  zListScript,
  zListScriptCommand,
  zRoomMessage,
  zRoomCampaignCommand,
  zRoomMessageCommand,
  zRoomState,
  zScreenState,
  zShift,
  zShiftResult,
  zStationScopeCommand,
} from './room.ts';
import { zCallRecorded, zContactWithdrawn, zPairResult, zPairState, zPhoneContact } from './phone-pairing.ts';

/** socket.io namespace a station joins with `auth: { token }`. */
export const STATION_NAMESPACE = '/station';
/** socket.io namespace a call leader joins with `auth: { token }` (a leader token only). */
export const ROOM_NAMESPACE = '/room';
/** socket.io namespace a paired phone joins with `auth: { token }` (the pairing token from the QR code's URL). */
export const PHONE_NAMESPACE = '/phone';
/** socket.io namespace the read-only big screen joins with `auth: { token }` (a screen token). */
export const SCREEN_NAMESPACE = '/screen';

export type Ack<T> = (result: T) => void;

/**
 * A command a client sends: the schema its input is parsed with on arrival (null: it takes none)
 * and the schema of its acknowledgement. Every acknowledgement may also be a failure.
 */
export interface CommandSpec {
  input: z.ZodType | null;
  ack: z.ZodType<{ ok: boolean }>;
}
export type CommandRegistry = Record<string, CommandSpec>;
/** A push the server sends: the schema of its payload (`z.undefined()`: it carries none). */
export type PushRegistry = Record<string, z.ZodType>;

/** The arguments a command is sent with (its input, if it takes one). */
export type CommandInput<C extends CommandSpec> = C['input'] extends z.ZodType ? [input: z.input<C['input']>] : [];
/** What a command's acknowledgement carries. */
export type CommandAck<C extends CommandSpec> = z.output<C['ack']>;
/** The arguments a push is sent with (none for a payload-less push). */
export type PushArgs<S extends z.ZodType> = [z.output<S>] extends [undefined] ? [] : [payload: z.output<S>];

/** socket.io's event map for a command registry: input (if any), then the acknowledgement. */
export type CommandEvents<R extends CommandRegistry> = {
  [E in keyof R]: (...args: [...CommandInput<R[E]>, ack: Ack<CommandAck<R[E]>>]) => void;
};
/** socket.io's event map for a push registry. */
export type PushEvents<R extends PushRegistry> = {
  [E in keyof R]: (...args: PushArgs<R[E]>) => void;
};

// The phone records outcomes exactly as a station does: one entry, shared.
const callOutcome = { input: zCallOutcomeInput, ack: zOkResult };

/** Commands a station sends; every input is parsed with its schema on arrival. */
export const stationCommands = {
  /** Refused with reason `not_checked_in` until a volunteer has checked in. */
  'contact:next': { input: null, ack: zContactNextResult },
  'call:outcome': callOutcome,
  'contact:skip': { input: zSkipInput, ack: zOkResult },
  /**
   * Starts a shift (a repeat with the same name and association returns the open one). With
   * `bookingId` or `personalToken`: the booking for this room's session now becomes `attended`
   * and the shift is the volunteer's; another room's, another time's or a cancelled booking is
   * refused, and a repeat returns the same shift.
   */
  'station:checkin': { input: zCheckinInput, ack: zShiftResult },
  /** Ends the open shift and returns any held contact to the queue; a repeat returns the ended shift. */
  'station:checkout': { input: null, ack: zShiftResult },
  /** Asks the room's leader to look at a call. */
  'call:flag': { input: zFlagInput, ack: zOkResult },
  /** Pairs a phone with this station for the open shift (a new pairing ends the previous one). */
  'pair:create': { input: null, ack: zPairResult },
  /** Ends the station's pairing: the phone is disconnected at once. Succeeds when there is none. */
  'pair:revoke': { input: null, ack: zOkResult },
} as const satisfies CommandRegistry;

/** Pushes the server sends to stations. */
export const stationPushes = {
  'station:hello': zStationHello,
  'leaderboard:update': zLeaderboard,
  /** The open shift with its figures (null: nobody checked in), on connect and whenever it changes. */
  'station:shift': zShift.nullable(),
  /** A leader's message to the room; shown until dismissed. Sent again on connect while recent. */
  'room:message': zRoomMessage,
  /** What this station may call changed (a list paused or resumed, the station fixed or freed): one showing nothing asks again. */
  'lists:changed': z.undefined(),
  /** A list's script or instructions changed; stations calling that list show the new text at once. */
  'list:script': zListScript,
  /** The paired phone recorded the outcome of this station's current call: move on as after an own outcome. */
  'call:recorded': zCallRecorded,
  /** The contact on screen was withdrawn (the person was erased): drop it, name and number, and ask for the next. */
  'contact:withdrawn': zContactWithdrawn,
  /** Whether a phone is paired (and until when), on connect and whenever it changes. */
  'pair:state': zPairState,
  /** Who is expected now (as in `station:hello`), whenever it changes: bookings come and go, check-in opens or closes. */
  'station:expected': z.array(zExpectedVolunteer),
} as const satisfies PushRegistry;

/** Commands a paired phone sends; the same payloads and answers as a station's. */
export const phoneCommands = { 'call:outcome': callOutcome } as const satisfies CommandRegistry;

/** Pushes the server sends to a paired phone. */
export const phonePushes = {
  /** The station's current contact, or null: on connect and whenever it changes. */
  'phone:contact': zPhoneContact.nullable(),
} as const satisfies PushRegistry;

/** Leader commands; each answers through its acknowledgement. */
export const roomCommands = {
  /** Fixes a station in the leader's room to a list, or (null) frees it. */
  'station:scope': { input: zStationScopeCommand, ack: zOkResult },
  'list:pause': { input: zListCommand, ack: zOkResult },
  'list:resume': { input: zListCommand, ack: zOkResult },
  'list:script': { input: zListScriptCommand, ack: zOkResult },
  /** Lets every volunteer call the list's contacts who wait for a speaker of their language (nobody here speaks it). */
  'list:release-speakers': { input: zListCommand, ack: zOkResult },
  'room:message': { input: zRoomMessageCommand, ack: zOkResult },
  'flag:handle': { input: zFlagCommand, ack: zOkResult },
  /** Which active campaign the room's standings show (board and big screen); null: all together. */
  'room:campaign': { input: zRoomCampaignCommand, ack: zOkResult },
  /** Shows one question's totals on the room's big screen, or none. */
  'screen:question': { input: zScreenQuestionCommand, ack: zOkResult },
} as const satisfies CommandRegistry;

export const roomPushes = {
  /** Every station's tile, the pace, the lists and the standings; on connect and on every change. */
  'room:state': zRoomState,
} as const satisfies PushRegistry;

/** The big screen only listens. */
export const screenCommands = {} as const satisfies CommandRegistry;
export const screenPushes = { 'screen:state': zScreenState } as const satisfies PushRegistry;

/** Each namespace with its registries: what the server handles and what it may push there. */
export const namespaces = {
  station: { name: STATION_NAMESPACE, commands: stationCommands, pushes: stationPushes },
  room: { name: ROOM_NAMESPACE, commands: roomCommands, pushes: roomPushes },
  phone: { name: PHONE_NAMESPACE, commands: phoneCommands, pushes: phonePushes },
  screen: { name: SCREEN_NAMESPACE, commands: screenCommands, pushes: screenPushes },
} as const;

export type StationClientToServerEvents = CommandEvents<typeof stationCommands>;
export type StationServerToClientEvents = PushEvents<typeof stationPushes>;
export type PhoneClientToServerEvents = CommandEvents<typeof phoneCommands>;
export type PhoneServerToClientEvents = PushEvents<typeof phonePushes>;
export type RoomClientToServerEvents = CommandEvents<typeof roomCommands>;
export type RoomServerToClientEvents = PushEvents<typeof roomPushes>;
export type ScreenClientToServerEvents = CommandEvents<typeof screenCommands>;
export type ScreenServerToClientEvents = PushEvents<typeof screenPushes>;

/**
 * Every client command and push by name, for the client's `command` and `usePush`: a name means
 * one thing in every namespace (`call:outcome` is the same entry for stations and phones).
 */
export const clientCommands = { ...stationCommands, ...roomCommands, ...phoneCommands } as const;
export const clientPushes = { ...stationPushes, ...roomPushes, ...phonePushes, ...screenPushes } as const;
export type ClientCommands = typeof clientCommands;
export type ClientPushes = typeof clientPushes;
/** What a push carries, parsed. */
export type PushPayload<S extends z.ZodType> = z.output<S>;

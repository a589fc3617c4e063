import type {
  CallOutcomeInput,
  ContactNextResult,
  Leaderboard,
  OkResult,
  SkipInput,
  StationHello,
} from './schemas.ts';
import type {
  CheckinInput,
  FlagCommand,
  FlagInput,
  ListCommand,
  ListScript,
  ListScriptCommand,
  RoomMessage,
  RoomMessageCommand,
  RoomState,
  ScreenState,
  Shift,
  ShiftResult,
  StationScopeCommand,
} from './room.ts';
import type { CallRecorded, ContactWithdrawn, PairResult, PairState, PhoneContact } from './phone-pairing.ts';

/** socket.io namespace a station joins with `auth: { token }`. */
export const STATION_NAMESPACE = '/station';
/** socket.io namespace a call leader joins with `auth: { token }` (a leader token only). */
export const ROOM_NAMESPACE = '/room';
/** socket.io namespace a paired phone joins with `auth: { token }` (the pairing token from the QR code's URL). */
export const PHONE_NAMESPACE = '/phone';
/** socket.io namespace the read-only big screen joins with `auth: { token }` (a screen token). */
export const SCREEN_NAMESPACE = '/screen';

export type Ack<T> = (result: T) => void;

/** Events a station sends; every payload is parsed with the shared zod schemas on arrival. */
export interface StationClientToServerEvents {
  /** Refused with reason `not_checked_in` until a volunteer has checked in. */
  'contact:next': (ack: Ack<ContactNextResult>) => void;
  'call:outcome': (input: CallOutcomeInput, ack: Ack<OkResult>) => void;
  'contact:skip': (input: SkipInput, ack: Ack<OkResult>) => void;
  /** Starts a shift (a repeat with the same name and association returns the open one). */
  'station:checkin': (input: CheckinInput, ack: Ack<ShiftResult>) => void;
  /** Ends the open shift and returns any held contact to the queue; a repeat returns the ended shift. */
  'station:checkout': (ack: Ack<ShiftResult>) => void;
  /** Asks the room's leader to look at a call. */
  'call:flag': (input: FlagInput, ack: Ack<OkResult>) => void;
  /** Pairs a phone with this station for the open shift (a new pairing ends the previous one). */
  'pair:create': (ack: Ack<PairResult>) => void;
  /** Ends the station's pairing: the phone is disconnected at once. Succeeds when there is none. */
  'pair:revoke': (ack: Ack<OkResult>) => void;
}

/** Events the server pushes to stations. */
export interface StationServerToClientEvents {
  'station:hello': (hello: StationHello) => void;
  'leaderboard:update': (leaderboard: Leaderboard) => void;
  /** The open shift with its figures (null: nobody checked in), on connect and whenever it changes. */
  'station:shift': (shift: Shift | null) => void;
  /** A leader's message to the room; shown until dismissed. Sent again on connect while recent. */
  'room:message': (message: RoomMessage) => void;
  /** What this station may call changed (a list paused or resumed, the station fixed or freed): one showing nothing asks again. */
  'lists:changed': () => void;
  /** A list's script or instructions changed; stations calling that list show the new text at once. */
  'list:script': (script: ListScript) => void;
  /** The paired phone recorded the outcome of this station's current call: move on as after an own outcome. */
  'call:recorded': (recorded: CallRecorded) => void;
  /** The contact on screen was withdrawn (the person was erased): drop it, name and number, and ask for the next. */
  'contact:withdrawn': (withdrawn: ContactWithdrawn) => void;
  /** Whether a phone is paired (and until when), on connect and whenever it changes. */
  'pair:state': (state: PairState) => void;
}

/** Events a paired phone sends; the same payloads and answers as a station's. */
export interface PhoneClientToServerEvents {
  'call:outcome': (input: CallOutcomeInput, ack: Ack<OkResult>) => void;
}

/** Events the server pushes to a paired phone. */
export interface PhoneServerToClientEvents {
  /** The station's current contact, or null: on connect and whenever it changes. */
  'phone:contact': (contact: PhoneContact | null) => void;
}

/** Leader commands; each answers through its acknowledgement. */
export interface RoomClientToServerEvents {
  /** Fixes a station in the leader's room to a list, or (null) frees it. */
  'station:scope': (input: StationScopeCommand, ack: Ack<OkResult>) => void;
  'list:pause': (input: ListCommand, ack: Ack<OkResult>) => void;
  'list:resume': (input: ListCommand, ack: Ack<OkResult>) => void;
  'list:script': (input: ListScriptCommand, ack: Ack<OkResult>) => void;
  /** Lets every volunteer call the list's contacts who wait for a speaker of their language (nobody here speaks it). */
  'list:release-speakers': (input: ListCommand, ack: Ack<OkResult>) => void;
  'room:message': (input: RoomMessageCommand, ack: Ack<OkResult>) => void;
  'flag:handle': (input: FlagCommand, ack: Ack<OkResult>) => void;
}

export interface RoomServerToClientEvents {
  /** Every station's tile, the pace, the lists and the standings; on connect and on every change. */
  'room:state': (state: RoomState) => void;
}

export interface ScreenServerToClientEvents {
  'screen:state': (state: ScreenState) => void;
}

export type ScreenClientToServerEvents = Record<string, never>;

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

/** socket.io namespace a station joins with `auth: { token }`. */
export const STATION_NAMESPACE = '/station';
/** socket.io namespace a call leader joins with `auth: { token }` (a leader token only). */
export const ROOM_NAMESPACE = '/room';
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
}

/** Leader commands; each answers through its acknowledgement. */
export interface RoomClientToServerEvents {
  /** Fixes a station in the leader's room to a list, or (null) frees it. */
  'station:scope': (input: StationScopeCommand, ack: Ack<OkResult>) => void;
  'list:pause': (input: ListCommand, ack: Ack<OkResult>) => void;
  'list:resume': (input: ListCommand, ack: Ack<OkResult>) => void;
  'list:script': (input: ListScriptCommand, ack: Ack<OkResult>) => void;
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

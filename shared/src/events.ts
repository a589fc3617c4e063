import type {
  CallOutcomeInput,
  ContactNextResult,
  Leaderboard,
  OkResult,
  SkipInput,
  StationHello,
} from './schemas.ts';

/** socket.io namespace a station joins with `auth: { token }`. */
export const STATION_NAMESPACE = '/station';

export type Ack<T> = (result: T) => void;

/** Events a station sends; every payload is parsed with the shared zod schemas on arrival. */
export interface StationClientToServerEvents {
  'contact:next': (ack: Ack<ContactNextResult>) => void;
  'call:outcome': (input: CallOutcomeInput, ack: Ack<OkResult>) => void;
  'contact:skip': (input: SkipInput, ack: Ack<OkResult>) => void;
}

/** Events the server pushes to stations. */
export interface StationServerToClientEvents {
  'station:hello': (hello: StationHello) => void;
  'leaderboard:update': (leaderboard: Leaderboard) => void;
}

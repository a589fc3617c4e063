import type { CallRecorded, ExpectedVolunteer, Leaderboard, ListScript, PairState, PhoneContact, RoomMessage, RoomState, ScreenState, Shift } from '@ringstuga/shared';
import { createKeyedThrottle, createThrottle } from './throttle.ts';
import { phoneChannel, siteChannel, stationChannel, type Realtime } from './realtime.ts';

/** The leaderboard goes to every station at most this often, however many outcomes come in. */
export const LEADERBOARD_PUSH_MS = 1000;
/** A station's shift figures after outcomes: at once for a human's pace, not a frame per cycle for a load test. */
const SHIFT_PUSH_MS = 2000;
/** A room's board and screen are pushed at most this often, however busy the room. */
export const ROOM_PUSH_MS = 500;
/** Pushed this often even when nothing happens, so the pace and idle tiles stay current. */
export const ROOM_TICK_MS = 15_000;

type Maybe<T> = T | Promise<T>;

/**
 * What the announcements read to build what they push: each feature's plugin provides its part.
 * A source may answer at once or later (a read through the store): what it answers is pushed when it comes.
 */
export interface AnnounceSources {
  leaderboard(): Maybe<Leaderboard>;
  shiftOf(stationId: number): Maybe<Shift | null>;
  pairState(stationId: number): Maybe<PairState>;
  /** The id of the station's valid pairing, if any: phones with another one go. */
  validPairing(stationId: number): Maybe<number | undefined>;
  contactOf(stationId: number): Maybe<PhoneContact | null>;
  roomState(roomId: number): Maybe<RoomState | undefined>;
  screenState(roomId: number): Maybe<ScreenState | undefined>;
  /** Who is booked for the room's session now and not yet checked in. */
  expectedOf(roomId: number): Maybe<ExpectedVolunteer[]>;
}

// Every source, so a start where a feature forgot to provide one fails at once (the compiler keeps it complete).
const SOURCES: Record<keyof AnnounceSources, true> = {
  leaderboard: true,
  shiftOf: true,
  pairState: true,
  validPairing: true,
  contactOf: true,
  roomState: true,
  screenState: true,
  expectedOf: true,
};

/**
 * "After a write, tell X", written once. Features call these after their write committed; the
 * throttles (leaderboard, shift figures, room boards) live here and nowhere else. What they push is
 * read from the sources the features provide when they load (`provide`), so realtime imports no feature.
 */
export interface AnnounceOptions {
  /**
   * Several nodes: only the node holding this clock pushes the leaderboard (to every node), so
   * stations get it once a second in all, not once per node (leaderboard-clock.ts).
   */
  leaderboardClock?: { holds(): boolean };
}

export function createAnnouncements(realtime: Realtime, onError: (error: unknown) => void = () => {}, options: AnnounceOptions = {}) {
  const sources: Partial<AnnounceSources> = {};
  /** Uses a source's answer: at once if it has it, else when it comes (a failed read is reported, not thrown at a socket). */
  const when = <T>(value: Maybe<T>, use: (value: T) => void): void => {
    if (value instanceof Promise) value.then(use).catch(onError);
    else use(value);
  };
  // Complete once the app is ready (assertComplete), and nothing is announced before.
  const deps = sources as AnnounceSources;
  const { stations, leaders, screens, phones } = realtime.channels;
  const leaderboardPush = createThrottle(() => when(deps.leaderboard(), (board) => realtime.broadcastLeaderboard(board)), LEADERBOARD_PUSH_MS);
  const { leaderboardClock } = options;
  // Every node hears every change (cluster.ts); only the clock's holder reads and sends the board.
  const leaderboardChanged = () => {
    if (!leaderboardClock || leaderboardClock.holds()) leaderboardPush.markDirty();
  };
  // With several nodes, every node runs every announcement: what only some node's sockets need is read only there.
  const hasLocal = (count: number) => !realtime.clustered || count > 0;

  // A station's shift as the last outcome's write returned it (PostgreSQL), pushed instead of read
  // again; taken when pushed, and dropped when the shift changes otherwise (a check-out).
  const shiftsWritten = new Map<number, Shift>();
  const figurePushes = createKeyedThrottle(
    (stationId: number) => {
      const written = shiftsWritten.get(stationId);
      shiftsWritten.delete(stationId);
      if (!hasLocal(stations.inRoom(stationChannel(stationId)))) return;
      when(written ?? deps.shiftOf(stationId), (shift) => stations.push(stationChannel(stationId), 'station:shift', shift));
    },
    SHIFT_PUSH_MS,
  );

  const pushRoom = (roomId: number) => {
    const watched = realtime.watchedRooms();
    if (watched.leaders.includes(roomId)) {
      when(deps.roomState(roomId), (state) => state && leaders.push(siteChannel(roomId), 'room:state', state));
    }
    if (watched.screens.includes(roomId)) {
      when(deps.screenState(roomId), (state) => state && screens.push(siteChannel(roomId), 'screen:state', state));
    }
  };
  const roomPushes = createKeyedThrottle(pushRoom, ROOM_PUSH_MS);
  /** Something changed at a station in this room (connection, shift, contact, outcome, flag, list). */
  const roomChanged = (roomId: number) => {
    if (realtime.hasWatchers(roomId)) roomPushes.markDirty(roomId);
  };
  /** Every room's board shows the lists and the standings of all rooms. */
  const everyRoomChanged = () => {
    const { leaders: led, screens: shown } = realtime.watchedRooms();
    for (const roomId of new Set([...led, ...shown])) roomChanged(roomId);
  };
  const ticker = setInterval(everyRoomChanged, ROOM_TICK_MS);
  ticker.unref();

  /** The station's contact may have changed: a connected phone is told (a station without one costs a map lookup). */
  const phoneContactChanged = (stationId: number) => {
    if (realtime.phonesOf(stationId) === 0) return;
    when(deps.contactOf(stationId), (contact) => phones.push(phoneChannel(stationId), 'phone:contact', contact));
  };
  /** A pairing changed (committed): phones without the valid pairing go, the station hears its state. */
  const pairingChanged = (stationId: number) => {
    if (!hasLocal(phones.inRoom(phoneChannel(stationId)) + stations.inRoom(stationChannel(stationId)))) return;
    when(deps.validPairing(stationId), (valid) => {
      for (const phone of phones.peers()) {
        if (phone.data.stationId === stationId && phone.data.pairingId !== valid) phone.disconnect();
      }
    });
    when(deps.pairState(stationId), (state) => stations.push(stationChannel(stationId), 'pair:state', state));
  };

  // "Expected now" as each room's stations last heard it, so an unchanged list is not pushed again.
  const expectedSent = new Map<number, string>();
  const expectedChanged = (roomId: number) => {
    if (!hasLocal(stations.inRoom(siteChannel(roomId)))) return;
    when(deps.expectedOf(roomId), (expected) => {
      const key = JSON.stringify(expected);
      if (expectedSent.get(roomId) === key) return;
      expectedSent.set(roomId, key);
      stations.push(siteChannel(roomId), 'station:expected', expected);
    });
  };
  const everyExpected = createThrottle(() => {
    for (const roomId of new Set([...stations.peers()].map((peer) => peer.data.roomId))) expectedChanged(roomId);
  }, ROOM_PUSH_MS);

  return {
    /** A feature hands over what it knows (called once, when its plugin loads). */
    provide(part: Partial<AnnounceSources>): void {
      Object.assign(sources, part);
    },
    /** Throws unless every source was provided: checked when the app is ready. */
    assertComplete(): void {
      const missing = Object.keys(SOURCES).filter((key) => !(key in sources));
      if (missing.length > 0) throw new Error(`no feature provides ${missing.join(', ')} to the announcements`);
    },
    roomChanged,
    everyRoomChanged,
    pairingChanged,
    /** The station took, skipped or lost a contact: its board tile and its phone follow. */
    contactChanged(stationId: number, roomId: number): void {
      roomChanged(roomId);
      phoneContactChanged(stationId);
    },
    /**
     * An outcome was saved (by the station, or by its phone: `recorded`, so the station moves on);
     * `shift`: the station's shift as the write left it, if it returned it (else it is read).
     */
    outcomeRecorded(stationId: number, roomId: number, recorded?: CallRecorded | null, shift?: Shift | null): void {
      leaderboardChanged();
      if (shift) shiftsWritten.set(stationId, shift);
      figurePushes.markDirty(stationId);
      roomChanged(roomId);
      if (recorded) stations.push(stationChannel(stationId), 'call:recorded', recorded);
      phoneContactChanged(stationId);
    },
    /** Every tab of the station sees the same shift, and the room board follows. */
    shiftChanged(stationId: number, roomId: number, shift: Shift | null): void {
      shiftsWritten.delete(stationId);
      stations.push(stationChannel(stationId), 'station:shift', shift);
      roomChanged(roomId);
    },
    /** What stations may call changed: those showing nothing ask again, and the boards follow. */
    listsChanged(scope: { stationId: number; roomId: number } | { roomId: number } | 'everywhere'): void {
      if (scope === 'everywhere') {
        stations.push(undefined, 'lists:changed');
        return everyRoomChanged();
      }
      stations.push('stationId' in scope ? stationChannel(scope.stationId) : siteChannel(scope.roomId), 'lists:changed');
      roomChanged(scope.roomId);
    },
    /** Stations already calling this list show the new text at once. */
    scriptChanged(script: ListScript): void {
      stations.push(undefined, 'list:script', script);
      everyRoomChanged();
    },
    /** A check-in or the sweep changed who is expected in this room: its stations hear it if it changed. */
    expectedChanged,
    /**
     * Bookings may have come or gone somewhere (a sign-up, a cancellation, a moved session), or
     * check-in opened or closed: every room with a station connected hears its "expected now" if
     * it changed, at most every ROOM_PUSH_MS.
     */
    bookingsChanged(): void {
      everyExpected.markDirty();
    },
    roomMessage(roomId: number, message: RoomMessage): void {
      stations.push(siteChannel(roomId), 'room:message', message);
    },
    /** The person on a station's screen was erased: it drops them at once, and so does its phone. */
    contactWithdrawn(stationId: number, assignmentId: string): void {
      stations.push(stationChannel(stationId), 'contact:withdrawn', { assignmentId });
      phoneContactChanged(stationId);
    },
    /** People were erased: the figures shrink, through the same throttle as every leaderboard. */
    erased(): void {
      leaderboardChanged();
      everyRoomChanged();
    },
    /** A revoked leader or screen link: its open connections close at once. */
    linkRevoked(linkId: number): void {
      for (const channel of [leaders, screens]) {
        for (const peer of channel.peers()) if (peer.data.linkId === linkId) peer.disconnect();
      }
    },
    /** A station's join link was renewed (and its pairing revoked): its connections and its phone go. */
    stationLinkRenewed(stationId: number): void {
      stations.disconnectRoom(stationChannel(stationId));
      pairingChanged(stationId);
    },
    /** This node just took the leaderboard clock: it sends the board once, whatever it missed before. */
    leaderboardClockTaken(): void {
      leaderboardPush.markDirty();
    },
    stop(): void {
      leaderboardPush.cancel();
      clearInterval(ticker);
      figurePushes.cancel();
      roomPushes.cancel();
      everyExpected.cancel();
    },
  };
}

export type Announcements = ReturnType<typeof createAnnouncements>;

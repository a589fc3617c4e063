import type { RoomState, ScreenState } from '@ringstuga/shared';
import { createThrottle } from '../../realtime/throttle.ts';
import type { StandingsRepo } from '../leaderboard/standings.repo.ts';
import type { ListBreakdownRepo } from '../lists/list-breakdown.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import type { PaceRepo } from './pace.ts';
import type { RoomBoardRepo } from './room-board.repo.ts';

/** A room's board and screen are pushed at most this often, however busy the room. */
export const ROOM_PUSH_MS = 500;
/** Pushed this often even when nothing happens, so the pace and idle tiles stay current. */
export const ROOM_TICK_MS = 15_000;

export interface RoomStateDeps {
  realtime: Realtime;
  board: RoomBoardRepo;
  pace: PaceRepo;
  standings: StandingsRepo;
  lists: ListBreakdownRepo;
  pausedHere(roomId: number): Set<number>;
  now(): number;
  timeZone: string;
  idleAfterMs: number;
}

/** Builds a room's board and big-screen state, and pushes them to whoever watches that room. */
export function createRoomState(deps: RoomStateDeps) {
  const { realtime, board } = deps;
  // `active` on the board: offered to this room's stations (not paused for the campaign nor here).
  const listsFor = (roomId: number, now: number) => {
    const pausedHere = deps.pausedHere(roomId);
    return deps.lists.breakdown(now).map((list) => ({ ...list, active: list.active && !pausedHere.has(list.listId) }));
  };
  // The screen shows no names: the room's pace and the standings of every room.
  const screenState = (roomId: number): ScreenState | undefined => {
    const room = board.room(roomId);
    if (!room) return undefined;
    const now = deps.now();
    return {
      room,
      generatedAt: new Date(now).toISOString(),
      timeZone: deps.timeZone,
      pace: deps.pace.pace(roomId, now),
      standings: deps.standings.standings(null, now),
    };
  };
  // The leader's board: the screen's figures, and the room's stations, lists and flags.
  const roomState = (roomId: number): RoomState | undefined => {
    const screen = screenState(roomId);
    if (!screen) return undefined;
    const now = Date.parse(screen.generatedAt);
    return {
      ...screen,
      idleAfterMs: deps.idleAfterMs,
      stations: board.tiles(roomId, realtime.isOnline),
      lists: listsFor(roomId, now),
      flags: board.openFlags(roomId),
      roomStandings: deps.standings.standings(roomId, now),
    };
  };

  const push = (roomId: number) => {
    const { leaders, screens } = realtime.watchedRooms();
    if (leaders.includes(roomId)) {
      const state = roomState(roomId);
      if (state) realtime.sendRoomState(roomId, state);
    }
    if (screens.includes(roomId)) {
      const state = screenState(roomId);
      if (state) realtime.sendScreenState(roomId, state);
    }
  };
  const throttles = new Map<number, ReturnType<typeof createThrottle>>();
  const markDirty = (roomId: number) => {
    if (!realtime.hasWatchers(roomId)) return;
    let throttle = throttles.get(roomId);
    if (!throttle) throttles.set(roomId, (throttle = createThrottle(() => push(roomId), ROOM_PUSH_MS)));
    throttle.markDirty();
  };
  const markAll = () => {
    const { leaders, screens } = realtime.watchedRooms();
    for (const roomId of new Set([...leaders, ...screens])) markDirty(roomId);
  };
  const ticker = setInterval(markAll, ROOM_TICK_MS);
  ticker.unref();

  return {
    roomState,
    screenState,
    markDirty,
    /** A list changed (paused, script): every room's board shows lists. */
    markAll,
    stop(): void {
      clearInterval(ticker);
      for (const throttle of throttles.values()) throttle.cancel();
    },
  };
}

export type RoomStatePush = ReturnType<typeof createRoomState>;

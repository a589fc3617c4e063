import type { RoomState, ScreenQuestionChoice, ScreenState } from '@ringstuga/shared';
import type { StandingsRepo } from '../leaderboard/standings.repo.ts';
import type { ListBreakdownRepo } from '../lists/list-breakdown.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import type { PaceRepo } from './pace.ts';
import type { RoomCampaign } from './room-campaign.ts';
import type { QuestionTotalsRepo } from './question-totals.repo.ts';
import type { RoomBoardRepo } from './room-board.repo.ts';
import type { RoomTeamsRepo } from './room-teams.repo.ts';

export interface RoomStateDeps {
  realtime: Pick<Realtime, 'isOnline'>;
  board: RoomBoardRepo;
  pace: PaceRepo;
  standings: StandingsRepo;
  lists: ListBreakdownRepo;
  teams: RoomTeamsRepo;
  campaign: RoomCampaign;
  questions: QuestionTotalsRepo;
  /** The question a leader put on the room's big screen. */
  screenQuestion(roomId: number): ScreenQuestionChoice | null;
  pausedHere(roomId: number): Set<number>;
  now(): number;
  timeZone: string;
  idleAfterMs: number;
}

/** Builds a room's board and big-screen state (realtime's `roomChanged` pushes them to whoever watches). */
export function createRoomState(deps: RoomStateDeps) {
  const { realtime, board } = deps;
  // `active` on the board: offered to this room's stations (not paused for the campaign nor here).
  const listsFor = (roomId: number, now: number) => {
    const pausedHere = deps.pausedHere(roomId);
    return deps.lists.breakdown(now).map((list) => ({ ...list, active: list.active && !pausedHere.has(list.listId) }));
  };
  // The chosen question's counts, or null when none is chosen or it is gone (removed, or its list deleted).
  const shownQuestion = (roomId: number, now: number): ScreenState['question'] => {
    const choice = deps.screenQuestion(roomId);
    if (!choice) return null;
    const list = deps.questions.totals(now).find((l) => l.listId === choice.listId);
    const question = list?.questions.find((q) => q.key === choice.key);
    const listName = deps.questions.listName(choice.listId);
    return question && listName !== undefined ? { ...question, listName } : null;
  };
  // The screen shows no names: the room's pace, the standings of every room, today's teams (associations only)
  // and the counts of the question a leader chose.
  const screenState = (roomId: number): ScreenState | undefined => {
    const room = board.room(roomId);
    if (!room) return undefined;
    const now = deps.now();
    const { campaigns, campaignId } = deps.campaign.of(roomId);
    return {
      room,
      generatedAt: new Date(now).toISOString(),
      timeZone: deps.timeZone,
      campaigns,
      campaignId,
      pace: deps.pace.pace(roomId, now),
      standings: deps.standings.standings(null, now, campaignId),
      teams: deps.teams.today(roomId, now),
      question: shownQuestion(roomId, now),
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
      roomStandings: deps.standings.standings(roomId, now, screen.campaignId),
      questions: deps.questions.totals(now),
      screenQuestion: deps.screenQuestion(roomId),
    };
  };

  return { roomState, screenState };
}

export type RoomStateBuilder = ReturnType<typeof createRoomState>;

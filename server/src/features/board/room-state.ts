import type { RoomState, ScreenQuestionChoice, ScreenState } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import type { StandingsRepo } from '../leaderboard/standings.repo.ts';
import type { ListBreakdownRepo } from '../lists/list-breakdown.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import type { PaceRepo } from './pace.ts';
import type { RoomCampaign } from './room-campaign.ts';
import type { QuestionTotalsRepo } from './question-totals.repo.ts';
import type { RoomBoardRepo } from './room-board.repo.ts';
import type { RoomTeamsRepo } from './room-teams.repo.ts';

export interface RoomStateDeps {
  realtime: Pick<Realtime, 'online'>;
  board: RoomBoardRepo;
  pace: PaceRepo;
  standings: StandingsRepo;
  lists: ListBreakdownRepo;
  teams: RoomTeamsRepo;
  campaign: RoomCampaign;
  questions: QuestionTotalsRepo;
  /** The question a leader put on the room's big screen. */
  screenQuestion(roomId: number): ScreenQuestionChoice | null;
  pausedHere(q: Tx, roomId: number): Promise<Set<number>>;
  now(): number;
  timeZone: string;
  idleAfterMs: number;
}

/** Builds a room's board and big-screen state, inside a store read (realtime's `roomChanged` pushes them to whoever watches). */
export function createRoomState(deps: RoomStateDeps) {
  const { realtime, board } = deps;
  // `active` on the board: offered to this room's stations (not paused for the campaign nor here).
  const listsFor = async (q: Tx, roomId: number, now: number) => {
    const pausedHere = await deps.pausedHere(q, roomId);
    return (await deps.lists.breakdown(q, now)).map((list) => ({ ...list, active: list.active && !pausedHere.has(list.listId) }));
  };
  // The chosen question's counts, or null when none is chosen or it is gone (removed, or its list deleted).
  const shownQuestion = async (q: Tx, roomId: number, now: number): Promise<ScreenState['question']> => {
    const choice = deps.screenQuestion(roomId);
    if (!choice) return null;
    const list = (await deps.questions.totals(q, now)).find((l) => l.listId === choice.listId);
    const question = list?.questions.find((asked) => asked.key === choice.key);
    const listName = await deps.questions.listName(q, choice.listId);
    return question && listName !== undefined ? { ...question, listName } : null;
  };
  // The screen shows no names: the room's pace, the standings of every room, today's teams (associations only)
  // and the counts of the question a leader chose.
  const screenState = async (q: Tx, roomId: number): Promise<ScreenState | undefined> => {
    const room = await board.room(q, roomId);
    if (!room) return undefined;
    const now = deps.now();
    const { campaigns, campaignId } = await deps.campaign.of(q, roomId);
    return {
      room,
      generatedAt: new Date(now).toISOString(),
      timeZone: deps.timeZone,
      campaigns,
      campaignId,
      pace: await deps.pace.pace(q, roomId, now),
      standings: await deps.standings.standings(q, null, now, campaignId),
      teams: await deps.teams.today(q, roomId, now),
      question: await shownQuestion(q, roomId, now),
    };
  };
  // The leader's board: the screen's figures, and the room's stations, lists and flags.
  const roomState = async (q: Tx, roomId: number): Promise<RoomState | undefined> => {
    const screen = await screenState(q, roomId);
    if (!screen) return undefined;
    const now = Date.parse(screen.generatedAt);
    return {
      ...screen,
      idleAfterMs: deps.idleAfterMs,
      stations: await board.tiles(q, roomId, realtime.online),
      lists: await listsFor(q, roomId, now),
      flags: await board.openFlags(q, roomId),
      roomStandings: await deps.standings.standings(q, roomId, now, screen.campaignId),
      questions: await deps.questions.totals(q, now),
      screenQuestion: deps.screenQuestion(roomId),
    };
  };

  return { roomState, screenState };
}

export type RoomStateBuilder = ReturnType<typeof createRoomState>;

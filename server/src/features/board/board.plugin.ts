import fp from 'fastify-plugin';
import { joinLimits } from '../auth/join-limiter.ts';
import { createListBreakdown } from '../lists/list-breakdown.ts';
import { createPaceRepo } from './pace.ts';
import { createQuestionTotalsRepo } from './question-totals.repo.ts';
import { createRoomBoardRepo } from './room-board.repo.ts';
import { createRoomCampaign, type RoomCampaign } from './room-campaign.ts';
import { createRoomCommands, type RoomCommands } from './room-commands.ts';
import { createRoomState } from './room-state.ts';
import { createRoomTeamsRepo } from './room-teams.repo.ts';
import { registerRoomSockets } from './room.socket.ts';
import { createScreenQuestions } from './screen-question.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** What a leader does to a room (pause a list here, message the stations, flags). */
    roomCommands: RoomCommands;
    /** Which campaign each room's standings show. */
    roomCampaign: RoomCampaign;
  }
}

/** The list breakdown counts every contact (~65 ms for 100 k); the board reuses it for this long. */
const LIST_BREAKDOWN_MAX_AGE_MS = 30_000;
/** The question totals count every answer; the board reuses them for this long. */
const QUESTION_TOTALS_MAX_AGE_MS = 10_000;

/** The leader's live board and the big screen of each room. */
export const boardPlugin = fp(
  async (app) => {
    const { store, calling, standings, realtime, announce, accessLinks, audit, now, config } = app;
    const commands = createRoomCommands(app.lists, (q, shiftId, now) => calling.touchShift(q, shiftId, now));
    const campaign = createRoomCampaign();
    const questions = createQuestionTotalsRepo({ maxAgeMs: QUESTION_TOTALS_MAX_AGE_MS });
    const screenQuestions = createScreenQuestions(questions);
    const state = createRoomState({
      realtime,
      board: createRoomBoardRepo({ paceFlags: (stationId, shiftId) => calling.paceFlags(stationId, shiftId, now()) }),
      pace: createPaceRepo({ timeZone: config.timeZone }),
      standings,
      lists: createListBreakdown({ maxAgeMs: LIST_BREAKDOWN_MAX_AGE_MS }),
      teams: createRoomTeamsRepo(config.timeZone),
      campaign,
      questions,
      screenQuestion: (roomId) => screenQuestions.get(roomId),
      pausedHere: (q, roomId) => commands.pausedHere(q, roomId),
      now,
      timeZone: config.timeZone,
      idleAfterMs: config.roomIdleMs,
    });
    app.decorate('roomCommands', commands);
    app.decorate('roomCampaign', campaign);
    announce.provide({
      roomState: (roomId) => store.read((q) => state.roomState(q, roomId)),
      screenState: (roomId) => store.read((q) => state.screenState(q, roomId)),
    });
    const { stations, stationScope } = app;
    registerRoomSockets({
      realtime,
      announce,
      links: accessLinks,
      commands,
      campaign,
      fixStation: async (stationId, listId, leader) => {
        const result = await stationScope(await app.store.read((q) => stations.byId(q, stationId)), listId, leader);
        return result.ok ? { ok: true } : result;
      },
      state,
      screenQuestions,
      store,
      audit,
      now,
      log: app.log,
      ...joinLimits(config),
    });
  },
  { name: 'board', dependencies: ['calling', 'leaderboard', 'realtime', 'auth', 'audit', 'lists', 'station-records'] },
);

import { zAccessAuth, type ListCommand, type OkResult } from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import { failure } from '../../errors.ts';
import type { Announcements } from '../../realtime/announce.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import type { Store } from '../../db/store/store.ts';
import type { Access, AccessRepo, LinkRole } from '../auth/access.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { refusedJoin } from '../../realtime/channel.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, tooManyFailedJoins } from '../auth/join-limiter.ts';
import type { RoomCampaign } from './room-campaign.ts';
import type { RoomCommands } from './room-commands.ts';
import type { RoomStateBuilder } from './room-state.ts';
import type { ScreenQuestions } from './screen-question.ts';

export interface RoomSocketDeps {
  realtime: Pick<Realtime, 'leaders' | 'screens'>;
  announce: Announcements;
  links: AccessRepo;
  commands: RoomCommands;
  /** Which campaign the room's standings show. */
  campaign: RoomCampaign;
  /** Fixes a station to a list or frees it: stations/ does it, the same way as its HTTP route (checks, audit, announcement). */
  fixStation(stationId: number, listId: number | null, leader: Access): Promise<OkResult>;
  state: RoomStateBuilder;
  /** The question each room's big screen shows. */
  screenQuestions: ScreenQuestions;
  store: Store;
  /** Script edits and room messages are audited (who, when, which; never the text). */
  audit: AuditLog;
  now(): number;
  log: FastifyBaseLogger;
  failedJoinsPerMinute: number;
  /** TRUST_PROXY's proxies: the address is the X-Forwarded-For entry they appended, as Fastify reads it for HTTP. */
  trust: ProxyTrust | false;
}

/** Only a link of `role` joins; anything else (a station, the other role, no token) is refused. */
function authenticate(channel: Realtime['leaders'] | Realtime['screens'], role: LinkRole, deps: RoomSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  channel.authenticate(async (handshake, request) => {
    const address = clientAddress(request, deps.trust, handshake.address);
    if (joins.isBlocked(address)) return tooManyFailedJoins();
    const auth = zAccessAuth.safeParse(handshake.auth);
    const token = auth.success ? auth.data.token : undefined;
    const link = token === undefined ? undefined : await deps.store.read((q) => deps.links.find(q, token));
    if (!link || link.role !== role) {
      joins.recordFailure(address);
      return refusedJoin(`a ${role} token is required`, { reason: 'link_refused' });
    }
    return { roomId: link.roomId, linkId: link.linkId };
  }, (error) => deps.log.error({ err: error }, `${role} join failed`));
}

/** `/room`: the call leader's board (pushed `room:state`) and commands; `/screen`: the read-only big screen. */
export function registerRoomSockets(deps: RoomSocketDeps): void {
  const { realtime, announce, commands, state, store } = deps;
  authenticate(realtime.leaders, 'leader', deps);
  authenticate(realtime.screens, 'screen', deps);

  realtime.screens.serve(
    (peer) => {
      void store.read((q) => state.screenState(q, peer.data.roomId)).then((screen) => {
        if (screen) peer.push('screen:state', screen);
      }, (error: unknown) => deps.log.error({ err: error, roomId: peer.data.roomId }, 'room state failed'));
      return {};
    },
    () => {},
  );

  const setPaused = (roomId: number, paused: boolean) => async (input: ListCommand) => {
    const now = deps.now();
    const result = await store.write((q) => commands.setListPausedHere(q, roomId, input.listId, paused, now));
    if (result.ok) announce.listsChanged({ roomId });
    return result;
  };

  realtime.leaders.serve(
    (peer) => {
      const { roomId, linkId } = peer.data;
      void store.read((q) => state.roomState(q, roomId)).then((board) => {
        if (board) peer.push('room:state', board);
      }, (error: unknown) => deps.log.error({ err: error, roomId: peer.data.roomId }, 'room state failed'));
      return {
        'station:scope': (input) => deps.fixStation(input.stationId, input.listId, { role: 'leader' as const, roomId, linkId }),
        'list:pause': setPaused(roomId, true),
        'list:resume': setPaused(roomId, false),
        'list:release-speakers': async (input) => {
          const result = await store.write((q) => commands.releaseSpeakers(q, input.listId));
          // Every room may call them now: stations with nothing on screen ask again.
          if (result.ok) announce.listsChanged('everywhere');
          return result;
        },
        'list:script': async (input) => {
          const script = await store.write(async (q) => {
            const saved = await commands.setScript(q, input);
            if (saved) {
              const detail = { language: input.language ?? null, removed: !input.script && !input.instructions };
              await deps.audit.add(q, { actor: `leader:${linkId}`, action: 'script_edit', target: `list:${input.listId}`, detail });
            }
            return saved;
          });
          if (!script) return failure('not_found', 'No such list');
          announce.scriptChanged(script);
          return { ok: true as const };
        },
        'room:message': async (input) => {
          const now = deps.now();
          const message = await store.write(async (q) => {
            const posted = await commands.postMessage(q, roomId, input.text, now);
            await deps.audit.add(q, { actor: `leader:${linkId}`, action: 'room_message', target: `room:${roomId}`, detail: { message: posted.id } });
            return posted;
          });
          announce.roomMessage(roomId, message);
          return { ok: true as const };
        },
        'room:campaign': async (input) => {
          const result = await store.write(async (q) => {
            const chosen = await deps.campaign.choose(q, roomId, input.campaignId);
            if (chosen.ok) await deps.audit.add(q, { actor: `leader:${linkId}`, action: 'room_campaign', target: `room:${roomId}`, detail: { campaign: input.campaignId } });
            return chosen;
          });
          if (result.ok) announce.roomChanged(roomId);
          return result;
        },
        'screen:question': async (input) => {
          const now = deps.now();
          const result = await store.read((q) => deps.screenQuestions.set(q, roomId, input.question, now));
          if (result.ok) announce.roomChanged(roomId);
          return result;
        },
        'flag:handle': async (input) => {
          const now = deps.now();
          const result = await store.write((q) => commands.handleFlag(q, roomId, input.flagId, now));
          if (result.ok) announce.roomChanged(roomId);
          return result;
        },
      };
    },
    (error, { roomId }) => deps.log.error({ err: error, roomId }, 'room command failed'),
  );
}

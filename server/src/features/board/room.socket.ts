import {
  zAccessAuth,
  zFlagCommand,
  zListCommand,
  zListScriptCommand,
  zRoomMessageCommand,
  zStationScopeCommand,
} from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import { failure } from '../../errors.ts';
import { handleEvent, refuseUnknownEvents } from '../../realtime/handle.ts';
import { siteChannel, stationChannel, type Realtime, type RoomNamespace, type ScreenNamespace } from '../../realtime/realtime.ts';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { AccessRepo, LinkRole } from '../auth/access.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, TOO_MANY_FAILED_JOINS } from '../auth/join-limiter.ts';
import type { RoomCommands } from './room-commands.ts';
import type { RoomStatePush } from './room-state.ts';

export interface RoomSocketDeps {
  realtime: Realtime;
  links: AccessRepo;
  commands: RoomCommands;
  state: RoomStatePush;
  writes: WriteBatcher;
  /** Script edits and room messages are audited (who, when, which; never the text). */
  audit: AuditLog;
  now(): number;
  log: FastifyBaseLogger;
  failedJoinsPerMinute: number;
  /** TRUST_PROXY's proxies: the address is the X-Forwarded-For entry they appended, as Fastify reads it for HTTP. */
  trust: ProxyTrust | false;
}

const ROOM_EVENTS: ReadonlySet<unknown> = new Set([
  'station:scope',
  'list:pause',
  'list:resume',
  'list:script',
  'list:release-speakers',
  'room:message',
  'flag:handle',
]);

/** Only a link of `role` joins; anything else (a station, the other role, no token) is refused. */
function authenticate(namespace: RoomNamespace | ScreenNamespace, role: LinkRole, deps: RoomSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  namespace.use((socket, next) => {
    const address = clientAddress(socket.request, deps.trust, socket.handshake.address);
    if (joins.isBlocked(address)) return next(new Error(TOO_MANY_FAILED_JOINS));
    const auth = zAccessAuth.safeParse(socket.handshake.auth);
    const link = auth.success ? deps.links.find(auth.data.token) : undefined;
    if (!link || link.role !== role) {
      joins.recordFailure(address);
      return next(new Error(`a ${role} token is required`));
    }
    socket.data.roomId = link.roomId;
    socket.data.linkId = link.linkId;
    next();
  });
}

/** `/room`: the call leader's board (pushed `room:state`) and commands; `/screen`: the read-only big screen. */
export function registerRoomSockets(deps: RoomSocketDeps): void {
  const { realtime, commands, state, writes } = deps;
  authenticate(realtime.leaders, 'leader', deps);
  authenticate(realtime.screens, 'screen', deps);

  realtime.screens.on('connection', (socket) => {
    const screen = state.screenState(socket.data.roomId);
    if (screen) socket.emit('screen:state', screen);
  });

  realtime.leaders.on('connection', (socket) => {
    const { roomId, linkId } = socket.data;
    const context = { onError: (error: unknown) => deps.log.error({ err: error, roomId }, 'room command failed') };
    const board = state.roomState(roomId);
    if (board) socket.emit('room:state', board);
    const on = (event: string, handler: (...args: unknown[]) => void) => socket.on(event as never, handler as never);

    on(
      'station:scope',
      handleEvent(
        zStationScopeCommand,
        async (input) => {
          const result = await writes.run(() => commands.setStationScope(roomId, input));
          if (result.ok) {
            realtime.stations.to(stationChannel(input.stationId)).emit('lists:changed');
            state.markDirty(roomId);
          }
          return result;
        },
        context,
      ),
    );
    for (const [event, paused] of [
      ['list:pause', true],
      ['list:resume', false],
    ] as const) {
      on(
        event,
        handleEvent(
          zListCommand,
          async (input) => {
            const result = await writes.run(() => commands.setListPausedHere(roomId, input.listId, paused, deps.now()));
            if (result.ok) {
              realtime.stations.to(siteChannel(roomId)).emit('lists:changed');
              state.markDirty(roomId);
            }
            return result;
          },
          context,
        ),
      );
    }
    on(
      'list:release-speakers',
      handleEvent(
        zListCommand,
        async (input) => {
          const result = await writes.run(() => commands.releaseSpeakers(input.listId));
          if (result.ok) {
            // Every room may call them now: stations with nothing on screen ask again.
            realtime.stations.emit('lists:changed');
            state.markAll();
          }
          return result;
        },
        context,
      ),
    );
    on(
      'list:script',
      handleEvent(
        zListScriptCommand,
        async (input) => {
          const script = await writes.run(() => {
            const saved = commands.setScript(input);
            if (saved) {
              const detail = { language: input.language ?? null, removed: !input.script && !input.instructions };
              deps.audit.record({ actor: `leader:${linkId}`, action: 'script_edit', target: `list:${input.listId}`, detail });
            }
            return saved;
          });
          if (!script) return failure('not_found', 'No such list');
          // Stations already calling this list show the new text at once.
          realtime.stations.emit('list:script', script);
          state.markAll();
          return { ok: true as const };
        },
        context,
      ),
    );
    on(
      'room:message',
      handleEvent(
        zRoomMessageCommand,
        async (input) => {
          const message = await writes.run(() => {
            const posted = commands.postMessage(roomId, input.text, deps.now());
            deps.audit.record({ actor: `leader:${linkId}`, action: 'room_message', target: `room:${roomId}`, detail: { message: posted.id } });
            return posted;
          });
          realtime.stations.to(siteChannel(roomId)).emit('room:message', message);
          return { ok: true as const };
        },
        context,
      ),
    );
    on(
      'flag:handle',
      handleEvent(
        zFlagCommand,
        async (input) => {
          const result = await writes.run(() => commands.handleFlag(roomId, input.flagId, deps.now()));
          if (result.ok) state.markDirty(roomId);
          return result;
        },
        context,
      ),
    );
    refuseUnknownEvents(socket, ROOM_EVENTS);
  });
}

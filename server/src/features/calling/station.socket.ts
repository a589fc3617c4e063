import {
  zCallOutcomeInput,
  zCheckinInput,
  zFlagInput,
  zSkipInput,
  zStationAuth,
  type Leaderboard,
  type Shift,
  type StationHello,
} from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import { handleEvent, refuseUnknownEvents } from '../../realtime/handle.ts';
import { createThrottle } from '../../realtime/throttle.ts';
import { stationChannel, type StationNamespace } from '../../realtime/realtime.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, TOO_MANY_FAILED_JOINS } from '../auth/join-limiter.ts';
import type { RoomCommands } from '../board/room-commands.ts';
import type { ShiftsService } from '../shifts/shifts.service.ts';
import type { StationRow } from '../stations/stations.repo.ts';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { Phones } from '../phone/phones.ts';
import type { CallingService } from './calling.service.ts';

const SHIFT_PUSH_MS = 2000;

const STATION_EVENTS: ReadonlySet<unknown> = new Set([
  'contact:next',
  'call:outcome',
  'contact:skip',
  'station:checkin',
  'station:checkout',
  'call:flag',
  'pair:create',
  'pair:revoke',
]);

export interface StationSocketDeps {
  calling: CallingService;
  shifts: ShiftsService;
  room: RoomCommands;
  phones: Phones;
  writes: WriteBatcher;
  /** Where the phone page is served; else the address the station reached the server at. */
  publicUrl?: string;
  findStation(token: string): StationRow | undefined;
  hello(station: StationRow): StationHello;
  leaderboard(): Leaderboard;
  /** Called after every recorded outcome, so the leaderboard push can be scheduled. */
  onOutcome(): void;
  /** Something changed at a station in this room (connection, shift, contact, outcome, flag). */
  onActivity(roomId: number): void;
  now(): number;
  log: FastifyBaseLogger;
  /** Failed joins per address and minute before every join from it is refused for a while. */
  failedJoinsPerMinute: number;
  /** TRUST_PROXY's proxies: the address is the X-Forwarded-For entry they appended, as Fastify reads it for HTTP. */
  trust: ProxyTrust | false;
}

/** `/station`: a station joins with its token, checks a volunteer in, then asks for contacts and reports outcomes. */
export function registerStationSocket(
  stations: StationNamespace,
  deps: StationSocketDeps,
): { stop(): void; afterOutcome(stationId: number, roomId: number): void } {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  stations.use((socket, next) => {
    const address = clientAddress(socket.request, deps.trust, socket.handshake.address);
    if (joins.isBlocked(address)) return next(new Error(TOO_MANY_FAILED_JOINS));
    const handshake = zStationAuth.safeParse(socket.handshake.auth);
    const station = handshake.success ? deps.findStation(handshake.data.token) : undefined;
    if (!station) {
      joins.recordFailure(address);
      return next(new Error('invalid station token'));
    }
    socket.data.stationId = station.id;
    socket.data.roomId = station.roomId;
    socket.data.hello = deps.hello(station);
    next();
  });

  /** Every tab of the station sees the same shift, and the room board follows. */
  const shiftChanged = (stationId: number, roomId: number, shift: Shift | null) => {
    stations.to(stationChannel(stationId)).emit('station:shift', shift);
    deps.onActivity(roomId);
  };
  // After outcomes the figures are pushed at most every 2 s per station: at once for a human's
  // pace, but a station cycling in milliseconds (a load test) does not get a frame per cycle.
  const figurePushes = new Map<number, ReturnType<typeof createThrottle>>();
  const figuresChanged = (stationId: number) => {
    let push = figurePushes.get(stationId);
    if (!push) {
      push = createThrottle(() => stations.to(stationChannel(stationId)).emit('station:shift', deps.shifts.current(stationId)), SHIFT_PUSH_MS);
      figurePushes.set(stationId, push);
    }
    push.markDirty();
  };
  const afterOutcome = (stationId: number, roomId: number) => {
    deps.onOutcome();
    figuresChanged(stationId);
    deps.onActivity(roomId);
  };

  stations.on('connection', (socket) => {
    const { stationId, roomId } = socket.data;
    const context = { onError: (error: unknown) => deps.log.error({ err: error, stationId }, 'station event failed') };
    socket.emit('station:hello', socket.data.hello);
    socket.emit('station:shift', deps.shifts.current(stationId));
    socket.emit('pair:state', deps.phones.state(stationId));
    socket.emit('leaderboard:update', deps.leaderboard());
    for (const message of deps.room.recentMessages(roomId, deps.now())) socket.emit('room:message', message);
    deps.onActivity(roomId);
    socket.on('disconnect', () => deps.onActivity(roomId));

    // Handlers are typed loosely on purpose: handleEvent validates the untrusted arguments.
    // Every write goes through the group commit; its answer comes once it is saved.
    const { calling, shifts, writes, phones } = deps;
    const on = (event: string, handler: (...args: unknown[]) => void) => socket.on(event as never, handler as never);
    on(
      'contact:next',
      handleEvent(
        null,
        async () => {
          const result = await writes.run(() => calling.next(stationId, deps.now()));
          deps.onActivity(roomId);
          phones.contactChanged(stationId);
          return result;
        },
        context,
      ),
    );
    on(
      'call:outcome',
      handleEvent(
        zCallOutcomeInput,
        async (input) => {
          const result = await writes.run(() => calling.recordOutcome(stationId, input, deps.now()));
          if (result.ok) {
            afterOutcome(stationId, roomId);
            phones.contactChanged(stationId);
          }
          return result;
        },
        context,
      ),
    );
    on(
      'contact:skip',
      handleEvent(
        zSkipInput,
        async (input) => {
          const result = await writes.run(() => calling.skip(stationId, input, deps.now()));
          deps.onActivity(roomId);
          phones.contactChanged(stationId);
          return result;
        },
        context,
      ),
    );
    on(
      'station:checkin',
      handleEvent(
        zCheckinInput,
        async (input) => {
          // A new volunteer replacing the last one ends the last one's pairing.
          const [result, unpaired] = await writes.run(() => [shifts.checkin(stationId, input, deps.now()), phones.endStale(stationId)] as const);
          if (result.ok) shiftChanged(stationId, roomId, result.shift);
          if (unpaired) phones.pairingChanged(stationId);
          return result;
        },
        context,
      ),
    );
    on(
      'station:checkout',
      handleEvent(
        null,
        async () => {
          const [result, unpaired] = await writes.run(() => [shifts.checkout(stationId, deps.now()), phones.endStale(stationId)] as const);
          if (result.ok) shiftChanged(stationId, roomId, null);
          if (unpaired) phones.pairingChanged(stationId);
          return result;
        },
        context,
      ),
    );
    on(
      'call:flag',
      handleEvent(
        zFlagInput,
        async (input) => {
          const result = await writes.run(() => deps.room.addFlag(stationId, input, deps.now()));
          if (result.ok) deps.onActivity(roomId);
          return result;
        },
        context,
      ),
    );
    const origin = deps.publicUrl ?? originOf(socket.handshake, deps.trust !== false && deps.trust(socket.handshake.address, 0));
    on(
      'pair:create',
      handleEvent(
        null,
        async () => {
          const result = await writes.run(() => phones.pair(stationId, origin));
          if (result.ok) phones.pairingChanged(stationId);
          return result;
        },
        context,
      ),
    );
    on(
      'pair:revoke',
      handleEvent(
        null,
        async () => {
          await writes.run(() => phones.revoke(stationId));
          phones.pairingChanged(stationId);
          return { ok: true } as const;
        },
        context,
      ),
    );
    refuseUnknownEvents(socket, STATION_EVENTS);
  });
  return { stop: () => figurePushes.forEach((push) => push.cancel()), afterOutcome };
}

/**
 * The address the station reached the server at, for the phone's link (PUBLIC_URL overrides it).
 * When the peer is one of TRUST_PROXY's proxies, its X-Forwarded-Proto and -Host say it, as for HTTP
 * links: the last entry, the one that proxy wrote.
 */
function originOf(handshake: { headers: Record<string, string | string[] | undefined>; secure: boolean }, trustProxy: boolean): string {
  const header = (name: string) => {
    const value = handshake.headers[name];
    return typeof value === 'string' ? value.split(',').at(-1)!.trim() : undefined;
  };
  const proto = (trustProxy && header('x-forwarded-proto')) || (handshake.secure ? 'https' : 'http');
  const host = (trustProxy && header('x-forwarded-host')) || header('host') || 'localhost';
  return `${proto}://${host}`;
}

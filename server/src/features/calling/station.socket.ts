import { zCallOutcomeInput, zSkipInput, zStationAuth, type Leaderboard } from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import { failure } from '../../errors.ts';
import { handleEvent } from '../../realtime/handle.ts';
import type { StationNamespace } from '../../realtime/realtime.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, joinAddress, TOO_MANY_FAILED_JOINS } from '../auth/join-limiter.ts';
import type { StationRow } from '../stations/stations.repo.ts';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { CallingService } from './calling.service.ts';

const STATION_EVENTS: ReadonlySet<unknown> = new Set(['contact:next', 'call:outcome', 'contact:skip']);

export interface StationSocketDeps {
  calling: CallingService;
  writes: WriteBatcher;
  findStation(token: string): StationRow | undefined;
  leaderboard(): Leaderboard;
  /** Called after every recorded outcome, so the leaderboard push can be scheduled. */
  onOutcome(): void;
  now(): number;
  demo: boolean;
  timeZone: string;
  log: FastifyBaseLogger;
  /** Failed joins per address and minute before every join from it is refused for a while. */
  failedJoinsPerMinute: number;
  /** Read the address from X-Forwarded-For, as HTTP does with TRUST_PROXY. */
  trustProxy: boolean;
}

/** `/station`: a station joins with its token, then asks for contacts and reports outcomes. */
export function registerStationSocket(stations: StationNamespace, deps: StationSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  stations.use((socket, next) => {
    const address = deps.trustProxy ? joinAddress(socket.handshake.headers, socket.handshake.address) : socket.handshake.address;
    if (joins.isBlocked(address)) return next(new Error(TOO_MANY_FAILED_JOINS));
    const handshake = zStationAuth.safeParse(socket.handshake.auth);
    const station = handshake.success ? deps.findStation(handshake.data.token) : undefined;
    if (!station) {
      joins.recordFailure(address);
      return next(new Error('invalid station token'));
    }
    socket.data.stationId = station.id;
    socket.data.hello = {
      station: { id: station.id, number: station.number, name: station.name },
      demo: deps.demo,
      timeZone: deps.timeZone,
    };
    next();
  });

  stations.on('connection', (socket) => {
    const { stationId } = socket.data;
    const context = { onError: (error: unknown) => deps.log.error({ err: error, stationId }, 'station event failed') };
    socket.emit('station:hello', socket.data.hello);
    socket.emit('leaderboard:update', deps.leaderboard());

    // Handlers are typed loosely on purpose: handleEvent validates the untrusted arguments.
    // Every write goes through the group commit; its answer comes once it is saved.
    const { calling, writes } = deps;
    socket.on('contact:next', handleEvent(null, () => writes.run(() => calling.next(stationId, deps.now())), context) as never);
    socket.on(
      'call:outcome',
      handleEvent(
        zCallOutcomeInput,
        async (input) => {
          const result = await writes.run(() => calling.recordOutcome(stationId, input, deps.now()));
          if (result.ok) deps.onOutcome();
          return result;
        },
        context,
      ) as never,
    );
    socket.on(
      'contact:skip',
      handleEvent(zSkipInput, (input) => writes.run(() => calling.skip(stationId, input, deps.now())), context) as never,
    );
    // A misspelt or unknown event with an acknowledgement gets a clear refusal, not a client-side timeout.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (STATION_EVENTS.has(event) || typeof ack !== 'function') return;
      ack(failure('invalid_payload', `Unknown event: ${String(event).slice(0, 64)}`));
    });
  });
}

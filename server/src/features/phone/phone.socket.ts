import { zCallOutcomeInput, zPhoneAuth } from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import { handleEvent, refuseUnknownEvents } from '../../realtime/handle.ts';
import { phoneChannel, stationChannel, type PhoneNamespace, type Realtime } from '../../realtime/realtime.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, TOO_MANY_FAILED_JOINS } from '../auth/join-limiter.ts';
import type { CallingService } from '../calling/calling.service.ts';
import type { Phones } from './phones.ts';

const PHONE_EVENTS: ReadonlySet<unknown> = new Set(['call:outcome']);

export interface PhoneSocketDeps {
  realtime: Realtime;
  phones: Phones;
  calling: CallingService;
  writes: WriteBatcher;
  roomOf(stationId: number): number | undefined;
  /** What a station's own outcome triggers: leaderboard, shift figures, the room board. */
  afterOutcome(stationId: number, roomId: number): void;
  now(): number;
  log: FastifyBaseLogger;
  failedJoinsPerMinute: number;
  /** TRUST_PROXY's proxies: the address is the X-Forwarded-For entry they appended, as Fastify reads it for HTTP. */
  trust: ProxyTrust | false;
}

/**
 * `/phone`: a phone paired with a station. It sees the station's current contact only, and may
 * record that call's outcome; the pairing token reaches nothing else. A pairing that ends
 * (revoked, replaced, expired, or its shift over) disconnects the phone at once.
 */
export function registerPhoneSocket(phones: PhoneNamespace, deps: PhoneSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  phones.use((socket, next) => {
    const address = clientAddress(socket.request, deps.trust, socket.handshake.address);
    if (joins.isBlocked(address)) return next(new Error(TOO_MANY_FAILED_JOINS));
    const auth = zPhoneAuth.safeParse(socket.handshake.auth);
    const refuse = () => {
      joins.recordFailure(address);
      next(new Error('invalid or expired pairing'));
    };
    if (!auth.success) return refuse();
    // The first device takes the pairing (a write: in the batch); a tool that sends no device id is one device.
    const { token, device = '' } = auth.data;
    deps.writes.run(() => deps.phones.admit(token, device)).then((pairing) => {
      const roomId = pairing && deps.roomOf(pairing.station_id);
      if (!pairing || roomId === undefined) return refuse();
      socket.data.stationId = pairing.station_id;
      socket.data.roomId = roomId;
      socket.data.pairingId = pairing.id;
      socket.data.shiftId = pairing.shift_id;
      socket.data.expiresAt = pairing.expires_at;
      next();
    }, (error: unknown) => next(error instanceof Error ? error : new Error('unavailable')));
  });

  phones.on('connection', (socket) => {
    const { stationId, roomId, shiftId } = socket.data;
    void socket.join(phoneChannel(stationId));
    socket.emit('phone:contact', deps.phones.contactOf(stationId));
    deps.phones.pairingChanged(stationId);
    // Expiry is enforced on the open connection too, not only at the next connect.
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(0, socket.data.expiresAt - deps.now()));
    expiry.unref();
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      deps.phones.pairingChanged(stationId);
    });

    const context = { onError: (error: unknown) => deps.log.error({ err: error, stationId }, 'phone event failed') };
    socket.on(
      'call:outcome' as never,
      handleEvent(
        zCallOutcomeInput,
        async (input) => {
          // Only calls of the pairing's own shift: a pairing outlives nothing of its volunteer's.
          const result = await deps.writes.run(() => deps.calling.recordOutcome(stationId, input, deps.now(), shiftId));
          if (result.ok) {
            deps.afterOutcome(stationId, roomId);
            deps.realtime.stations.to(stationChannel(stationId)).emit('call:recorded', {
              assignmentId: input.assignmentId,
              outcome: input.outcome,
            });
            deps.phones.contactChanged(stationId);
          }
          return result;
        },
        context,
      ) as never,
    );
    refuseUnknownEvents(socket, PHONE_EVENTS);
  });
}

import { zPhoneAuth } from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Announcements } from '../../realtime/announce.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import { refusedJoin } from '../../realtime/channel.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, tooManyFailedJoins } from '../auth/join-limiter.ts';
import type { CallingService } from '../calling/calling.service.ts';
import type { Phones } from './phones.ts';

export interface PhoneSocketDeps {
  announce: Announcements;
  phones: Phones;
  calling: CallingService;
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
export function registerPhoneSocket(phones: Realtime['phones'], deps: PhoneSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  phones.authenticate(async (handshake, request) => {
    const address = clientAddress(request, deps.trust, handshake.address);
    if (joins.isBlocked(address)) return tooManyFailedJoins();
    const refuse = () => {
      joins.recordFailure(address);
      return refusedJoin('invalid or expired pairing', { reason: 'pairing_refused' });
    };
    const auth = zPhoneAuth.safeParse(handshake.auth);
    if (!auth.success) return refuse();
    // The first device takes the pairing (a write); a tool that sends no device id is one device.
    const { token, device = '' } = auth.data;
    const pairing = await deps.phones.admit(token, device);
    if (!pairing) return refuse();
    return { stationId: pairing.stationId, roomId: pairing.roomId, pairingId: pairing.id, shiftId: pairing.shiftId, expiresAt: pairing.expiresAt };
  }, (error) => deps.log.error({ err: error }, 'phone join failed'));

  const { announce } = deps;
  phones.serve(
    (peer) => {
      const { stationId, roomId, shiftId, expiresAt } = peer.data;
      void deps.phones.contactOf(stationId).then(
        (contact) => peer.push('phone:contact', contact),
        (error: unknown) => deps.log.error({ err: error, stationId }, 'phone contact failed'),
      );
      announce.pairingChanged(stationId);
      // Expiry is enforced on the open connection too, not only at the next connect.
      const expiry = setTimeout(() => peer.disconnect(), Math.max(0, expiresAt - deps.now()));
      expiry.unref();
      peer.onDisconnect(() => {
        clearTimeout(expiry);
        announce.pairingChanged(stationId);
      });
      return {
        'call:outcome': async (input) => {
          // Only calls of the pairing's own shift: a pairing outlives nothing of its volunteer's.
          const { result, shift } = await deps.calling.recordOutcome(stationId, input, deps.now(), shiftId);
          if (result.ok) announce.outcomeRecorded(stationId, roomId, { assignmentId: input.assignmentId, outcome: input.outcome }, shift);
          return result;
        },
      };
    },
    (error, { stationId }) => deps.log.error({ err: error, stationId }, 'phone event failed'),
  );
}

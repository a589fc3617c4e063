import { zStationAuth, type CheckinInput, type Leaderboard, type ShiftResult, type StationHello } from '@ringstuga/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Announcements } from '../../realtime/announce.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { clientAddress, type ProxyTrust } from '../auth/client-address.ts';
import { refusedJoin } from '../../realtime/channel.ts';
import { AUTH_FAILURE_WINDOW_MS, createJoinLimiter, tooManyFailedJoins } from '../auth/join-limiter.ts';
import type { RoomCommands } from '../board/room-commands.ts';
import type { ShiftsService } from '../shifts/shifts.service.ts';
import type { StationRow } from './stations.repo.ts';
import type { Store, Tx } from '../../db/store/store.ts';
import type { Phones } from '../phone/phones.ts';
import type { CallingService } from '../calling/calling.service.ts';

export interface StationSocketDeps {
  calling: CallingService;
  shifts: ShiftsService;
  room: RoomCommands;
  phones: Phones;
  store: Store;
  announce: Announcements;
  /** Where the phone page is served; else the address the station reached the server at. */
  publicUrl?: string;
  /**
   * A walk-in's or a booked volunteer's check-in (attendance/), inside the caller's write;
   * `vacated`: the station a booked volunteer moved from, checked out there.
   */
  checkin(q: Tx, stationId: number, roomId: number, input: CheckinInput, now: number): Promise<{ result: ShiftResult; vacated: number | null }>;
  findStation(token: string): Promise<StationRow | undefined>;
  hello(station: StationRow): Promise<StationHello>;
  leaderboard(): Promise<Leaderboard>;
  now(): number;
  log: FastifyBaseLogger;
  /** Failed joins per address and minute before every join from it is refused for a while. */
  failedJoinsPerMinute: number;
  /** TRUST_PROXY's proxies: the address is the X-Forwarded-For entry they appended, as Fastify reads it for HTTP. */
  trust: ProxyTrust | false;
}

/** `/station`: a station joins with its token, checks a volunteer in, then asks for contacts and reports outcomes. */
export function registerStationSocket(stations: Realtime['stations'], deps: StationSocketDeps): void {
  const joins = createJoinLimiter({ maxFailures: deps.failedJoinsPerMinute, windowMs: AUTH_FAILURE_WINDOW_MS });
  stations.authenticate(async (handshake, request) => {
    const address = clientAddress(request, deps.trust, handshake.address);
    if (joins.isBlocked(address)) return tooManyFailedJoins();
    const auth = zStationAuth.safeParse(handshake.auth);
    const station = auth.success ? await deps.findStation(auth.data.token) : undefined;
    if (!station) {
      joins.recordFailure(address);
      return refusedJoin('invalid station token', { reason: 'link_refused' });
    }
    return deps.hello(station).then((hello) => ({ stationId: station.id, roomId: station.roomId, hello }));
  }, (error) => deps.log.error({ err: error }, 'station join failed'));

  const { calling, shifts, store, phones, announce } = deps;
  stations.serve(
    (peer) => {
      const { stationId, roomId, hello } = peer.data;
      peer.push('station:hello', hello);
      // Read together, pushed in this order once read.
      const now = deps.now();
      const reads = Promise.all([
        store.read((q) => shifts.current(q, stationId)),
        phones.state(stationId),
        deps.leaderboard(),
        store.read((q) => deps.room.recentMessages(q, roomId, now)),
      ]);
      void reads.then(([shift, pairState, leaderboard, messages]) => {
        peer.push('station:shift', shift);
        peer.push('pair:state', pairState);
        peer.push('leaderboard:update', leaderboard);
        for (const message of messages) peer.push('room:message', message);
      }, (error: unknown) => deps.log.error({ err: error, stationId }, 'station state failed'));
      announce.roomChanged(roomId);
      peer.onDisconnect(() => announce.roomChanged(roomId));
      const origin = deps.publicUrl ?? originOf(peer.handshake, deps.trust !== false && deps.trust(peer.handshake.address, 0));

      // Every write is a store write (on SQLite, in the group commit); its answer comes once it is saved.
      return {
        'contact:next': async () => {
          const result = await calling.next(stationId, deps.now());
          announce.contactChanged(stationId, roomId);
          return result;
        },
        'call:outcome': async (input) => {
          const { result, shift } = await calling.recordOutcome(stationId, input, deps.now());
          if (result.ok) announce.outcomeRecorded(stationId, roomId, null, shift);
          return result;
        },
        'contact:skip': async (input) => {
          const result = await calling.skip(stationId, input, deps.now());
          announce.contactChanged(stationId, roomId);
          return result;
        },
        'station:checkin': async (input) => {
          // A new volunteer replacing the last one ends the last one's pairing.
          const now = deps.now();
          const [{ result, vacated }, unpaired, vacatedUnpaired] = await store.write(async (q) => {
            const checkin = await deps.checkin(q, stationId, roomId, input, now);
            return [checkin, await phones.endStale(q, stationId), checkin.vacated !== null && (await phones.endStale(q, checkin.vacated))] as const;
          });
          if (result.ok) announce.shiftChanged(stationId, roomId, result.shift);
          if (result.ok) announce.expectedChanged(roomId);
          if (unpaired) announce.pairingChanged(stationId);
          // A booked volunteer who moved here was checked out where they were.
          if (vacated !== null) announce.shiftChanged(vacated, roomId, null);
          if (vacated !== null && vacatedUnpaired) announce.pairingChanged(vacated);
          return result;
        },
        'station:checkout': async () => {
          const now = deps.now();
          const [result, unpaired] = await store.write(async (q) => [await shifts.checkout(q, stationId, now), await phones.endStale(q, stationId)] as const);
          if (result.ok) announce.shiftChanged(stationId, roomId, null);
          if (unpaired) announce.pairingChanged(stationId);
          return result;
        },
        'call:flag': async (input) => {
          const now = deps.now();
          const result = await store.write((q) => deps.room.addFlag(q, stationId, input, now));
          if (result.ok) announce.roomChanged(roomId);
          return result;
        },
        'pair:create': async () => {
          const result = await phones.pair(stationId, origin);
          if (result.ok) announce.pairingChanged(stationId);
          return result;
        },
        'pair:revoke': async () => {
          await store.write((q) => phones.revoke(q, stationId));
          announce.pairingChanged(stationId);
          return { ok: true } as const;
        },
      };
    },
    (error, { stationId }) => deps.log.error({ err: error, stationId }, 'station event failed'),
  );
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

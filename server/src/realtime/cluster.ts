import { z } from 'zod';
import type { Announcements } from './announce.ts';
import type { Realtime } from './realtime.ts';

/**
 * The announcements every node runs: what a write on one node changed may concern sockets on
 * any node (a station on A, its phone on B, the room's leader on C). Each node runs them against
 * its own sockets with its own checks (who watches which room, which phones are here), so a
 * push goes only where someone listens. The leaderboard is not among the pushes: one node sends
 * it to all (leaderboard-clock.ts); the outcomes that change it still reach every node here.
 */
const SHARED = [
  'roomChanged',
  'everyRoomChanged',
  'pairingChanged',
  'contactChanged',
  'outcomeRecorded',
  'shiftChanged',
  'listsChanged',
  'scriptChanged',
  'expectedChanged',
  'bookingsChanged',
  'roomMessage',
  'contactWithdrawn',
  'erased',
  'linkRevoked',
  'stationLinkRenewed',
] as const satisfies readonly (keyof Announcements)[];

type SharedName = (typeof SHARED)[number];

const EVENT = 'announce';
// From our own nodes, but through the database: checked before it is run.
const zClusterAnnouncement = z.object({ name: z.enum(SHARED), args: z.array(z.unknown()).max(4) });

/**
 * Announcements that reach every node: each call runs here and is sent to the other nodes (a
 * socket.io server-side emit through the adapter), which run it too. Arguments travel as JSON
 * (an `undefined` argument arrives as null, which the announcements take as "none").
 */
export function clusterAnnouncements(local: Announcements, realtime: Realtime, onError: (error: unknown) => void): Announcements {
  realtime.serverSide.on(EVENT, (payload) => {
    const parsed = zClusterAnnouncement.safeParse(payload);
    if (!parsed.success) return onError(new Error(`an announcement from another node was refused: ${parsed.error.message}`));
    try {
      Reflect.apply(local[parsed.data.name], undefined, parsed.data.args);
    } catch (error) {
      onError(error);
    }
  });
  const shared: Announcements = { ...local };
  for (const name of SHARED) {
    const run = local[name] as (...args: unknown[]) => void;
    (shared as Record<SharedName, (...args: unknown[]) => void>)[name] = (...args: unknown[]) => {
      realtime.serverSide.emit(EVENT, { name, args });
      run(...args);
    };
  }
  return shared;
}

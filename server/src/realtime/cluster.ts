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
/**
 * One message's announcements, as JSON bytes: the adapter sends a message of up to 8,000 bytes as
 * one NOTIFY, and a larger one through its table (an INSERT, a NOTIFY, and a SELECT on every
 * receiving node, which also runs it out of order with the NOTIFYs around it). The envelope
 * (uid, type, namespace, event name) takes under 200 of the 8,000.
 */
export const BATCH_BYTES = 7000;
/** A bound for the receiving check; announcements are tens of bytes, so the bytes cap first. */
const BATCH_COUNT = 500;
/** How long an announcement waits for others to share its message with. */
export const BATCH_WINDOW_MS = 25;
// From our own nodes, but through the database: checked before it is run.
const zClusterAnnouncement = z.object({ name: z.enum(SHARED), args: z.array(z.unknown()).max(4) });
const zClusterBatch = z.array(zClusterAnnouncement).min(1).max(BATCH_COUNT);
type ClusterAnnouncement = z.infer<typeof zClusterAnnouncement>;

export interface ClusterAnnouncements {
  announce: Announcements;
  /** Sends what is waiting now (the node is closing: nothing may be left behind). */
  flush(): void;
}

/**
 * Announcements that reach every node: each call runs here at once and is sent to the other
 * nodes, which run it too. Arguments travel as JSON (an `undefined` argument arrives as null,
 * which the announcements take as "none").
 *
 * Every message to the other nodes is a `pg_notify` round trip on the adapter's connection, and
 * each cycle announces about twice (claim, outcome): so the announcements of a short window go as
 * one message (a socket.io server-side emit carrying a list, run in order on receipt), sent when
 * the window ends or the message is full. The pushes on this node do not wait.
 * Why BATCH_WINDOW_MS and not a microtask or one turn of the event loop: each answer from
 * PostgreSQL is its own callback, so a microtask sends almost every announcement alone, and a turn
 * (setImmediate) holds few callbacks at a hundred stations (measured: 1.9 NOTIFYs per cycle with
 * setImmediate, 1.2 with 5 ms, against 2.6 unbatched). Why 25 ms: every NOTIFY is a statement on
 * PostgreSQL and a message each other node parses; at three nodes' steady pace 25 ms against 5 ms
 * took ~11 % less CPU of the nodes and PostgreSQL together, with a lower p99 in each pair
 * (docs/benchmark.md). 25 ms is nothing next to a person's pace or the boards' 500 ms
 * throttle, and under load the window only fills faster; a timer starved by a busy loop fires
 * late, but the byte cap still sends a full message at once.
 */
export function clusterAnnouncements(local: Announcements, realtime: Realtime, onError: (error: unknown) => void): ClusterAnnouncements {
  realtime.serverSide.on(EVENT, (payload) => {
    const parsed = zClusterBatch.safeParse(payload);
    if (!parsed.success) return onError(new Error(`announcements from another node were refused: ${parsed.error.message}`));
    for (const { name, args } of parsed.data) {
      try {
        Reflect.apply(local[name], undefined, args);
      } catch (error) {
        onError(error);
      }
    }
  });

  let waiting: ClusterAnnouncement[] = [];
  let waitingBytes = 0;
  let scheduled: NodeJS.Timeout | undefined;
  const send = () => {
    clearTimeout(scheduled);
    scheduled = undefined;
    if (waiting.length > 0) realtime.serverSide.emit(EVENT, waiting);
    waiting = [];
    waitingBytes = 0;
  };
  const enqueue = (announcement: ClusterAnnouncement) => {
    // Measured as the adapter will send it (UTF-8 bytes of JSON), plus the comma between items.
    const bytes = Buffer.byteLength(JSON.stringify(announcement)) + 1;
    // Full: what waits goes now, in order, and this one starts the next message. One larger than
    // a whole message goes alone (through the adapter's table).
    if (waiting.length === BATCH_COUNT || (waiting.length > 0 && waitingBytes + bytes > BATCH_BYTES)) send();
    waiting.push(announcement);
    waitingBytes += bytes;
    scheduled ??= setTimeout(send, BATCH_WINDOW_MS);
  };

  const shared: Announcements = { ...local };
  for (const name of SHARED) {
    const run = local[name] as (...args: unknown[]) => void;
    (shared as Record<SharedName, (...args: unknown[]) => void>)[name] = (...args: unknown[]) => {
      enqueue({ name, args });
      run(...args);
    };
  }
  return { announce: shared, flush: send };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../db/store/store.ts';
import type { Announcements } from '../../realtime/announce.ts';
import type { AttendanceService } from './attendance.service.ts';

const SWEEP_EVERY_MS = 60_000;
/** The advisory lock a round holds on PostgreSQL: one node sweeps at a time. */
export const SESSION_END_SWEEP_LOCK = 'job:session-end-sweep';

/**
 * Once a minute: sessions that have ended are closed (their bookings with no check-in become
 * `no_show`), and every room's stations hear "expected now", which moves with the clock too
 * (check-in opens before a session and closes at its end). On several nodes a round goes to
 * whichever takes the lock first (the others skip it); a round right after another finds the
 * sessions closed already.
 */
export function startSessionEndSweep(deps: {
  attendance: AttendanceService;
  store: Store;
  announce: Announcements;
  now(): number;
  log: FastifyBaseLogger;
}) {
  const sweep = async () => {
    const now = deps.now();
    const rooms = await deps.store.write(async (q) => ((await q.tryLock(SESSION_END_SWEEP_LOCK)) ? deps.attendance.closeEnded(q, now) : null));
    for (const roomId of rooms ?? []) deps.announce.expectedChanged(roomId);
    // Told by every node, lock or not: "expected now" moves with the clock, for each node's stations.
    deps.announce.bookingsChanged();
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'session end sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

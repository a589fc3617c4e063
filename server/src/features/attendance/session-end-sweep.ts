import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../db/store/store.ts';
import type { Announcements } from '../../realtime/announce.ts';
import type { AttendanceService } from './attendance.service.ts';

const SWEEP_EVERY_MS = 60_000;

/**
 * Once a minute: sessions that have ended are closed (their bookings with no check-in become
 * `no_show`), and every room's stations hear "expected now", which moves with the clock too
 * (check-in opens before a session and closes at its end).
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
    const rooms = await deps.store.write((q) => deps.attendance.closeEnded(q, now));
    for (const roomId of rooms) deps.announce.expectedChanged(roomId);
    deps.announce.bookingsChanged();
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'session end sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../db/store/store.ts';
import type { Announcements } from '../../realtime/announce.ts';
import type { Phones } from '../phone/phones.ts';
import type { ShiftsService } from './shifts.service.ts';

const SWEEP_EVERY_MS = 60_000;
/** The advisory lock a round holds on PostgreSQL: one node sweeps at a time. */
export const IDLE_SWEEP_LOCK = 'job:idle-sweep';

/**
 * Checks out volunteers who left without checking out, once a minute. On several nodes each runs
 * it, and a round goes to whichever takes the lock first; the others skip it. Two rounds back to
 * back are harmless: a shift closed once is not idle any more.
 */
export function startIdleSweep(deps: {
  shifts: ShiftsService;
  phones: Phones;
  store: Store;
  announce: Announcements;
  now(): number;
  idleMs: number;
  log: FastifyBaseLogger;
}) {
  const sweep = async () => {
    const now = deps.now();
    const closed = await deps.store.write(async (q) => {
      const ended: { stationId: number; roomId: number; unpaired: boolean }[] = [];
      if (!(await q.tryLock(IDLE_SWEEP_LOCK))) return ended;
      for (const shift of await deps.shifts.closeIdle(q, now, deps.idleMs)) ended.push({ ...shift, unpaired: await deps.phones.endStale(q, shift.stationId, 'system') });
      return ended;
    });
    for (const { stationId, roomId, unpaired } of closed) {
      deps.announce.shiftChanged(stationId, roomId, null);
      if (unpaired) deps.announce.pairingChanged(stationId);
    }
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'idle check-out sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../db/store/store.ts';
import type { Announcements } from '../../realtime/announce.ts';
import type { Phones } from '../phone/phones.ts';
import type { ShiftsService } from './shifts.service.ts';

const SWEEP_EVERY_MS = 60_000;

/** Checks out volunteers who left without checking out, once a minute. */
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
      const ended = [];
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

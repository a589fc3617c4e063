import type { FastifyBaseLogger } from 'fastify';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import { stationChannel, type Realtime } from '../../realtime/realtime.ts';
import type { Phones } from '../phone/phones.ts';
import type { RoomStatePush } from '../board/room-state.ts';
import type { ShiftsService } from './shifts.service.ts';

const SWEEP_EVERY_MS = 60_000;

/** Checks out volunteers who left without checking out, once a minute. */
export function startIdleSweep(deps: {
  shifts: ShiftsService;
  phones: Phones;
  writes: WriteBatcher;
  realtime: Realtime;
  roomState: RoomStatePush;
  now(): number;
  idleMs: number;
  log: FastifyBaseLogger;
}) {
  const sweep = async () => {
    const closed = await deps.writes.run(() =>
      deps.shifts.closeIdle(deps.now(), deps.idleMs).map((shift) => ({ ...shift, unpaired: deps.phones.endStale(shift.stationId, 'system') })),
    );
    for (const { stationId, roomId, unpaired } of closed) {
      deps.realtime.stations.to(stationChannel(stationId)).emit('station:shift', null);
      if (unpaired) deps.phones.pairingChanged(stationId);
      deps.roomState.markDirty(roomId);
    }
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'idle check-out sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

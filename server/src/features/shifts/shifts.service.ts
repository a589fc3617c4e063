import type { ShiftResult, WalkInCheckin } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import type { CallingService } from '../calling/calling.service.ts';
import { createShiftsRepo, type ShiftsRepo } from './shifts.repo.ts';
import { toShift } from '../figures/shift-view.ts';

/** A check-out retried within this long answers with the shift it ended, rather than "nobody checked in". */
const CHECKOUT_REPEAT_MS = 10 * 60 * 1000;

const sameVolunteer = (a: { name: string; associationId: number | null }, name: string, associationId: number | null) =>
  a.name.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv') && a.associationId === associationId;

/** Check-in and check-out at a station. Each runs inside the caller's store write (`q`), which makes it atomic. */
export class ShiftsService {
  readonly repo: ShiftsRepo = createShiftsRepo();

  constructor(private readonly calling: CallingService) {}

  /**
   * Starts a shift. Checking in again as the same volunteer returns the open shift (a retried
   * request, or a reload); someone else checking in ends the previous volunteer's shift at their
   * last activity, and their held contact goes back to the queue. `volunteerId`: a booked
   * volunteer's (attendance), kept on the shift; null for a walk-in.
   */
  async checkin(q: Tx, stationId: number, input: WalkInCheckin, now: number, volunteerId: number | null = null): Promise<ShiftResult> {
    if (input.associationId !== null && !(await this.repo.associationExists(q, input.associationId))) {
      return failure('not_found', 'No such association');
    }
    const open = await this.repo.open(q, stationId);
    if (open && sameVolunteer(open, input.name, input.associationId)) return { ok: true, shift: toShift(open) };
    if (open) {
      await this.repo.close(q, open.id, open.lastActivityAt, 'replaced');
      await this.calling.releaseStation(q, stationId, now);
    }
    const id = await this.repo.insert(q, { stationId, name: input.name, associationId: input.associationId, languages: input.languages ?? [], volunteerId, now });
    if (id === undefined) return failure('not_found', 'No such station');
    return { ok: true, shift: toShift((await this.repo.byId(q, id))!) };
  }

  /** Ends the open shift now; a repeat shortly after answers with the shift it ended. */
  async checkout(q: Tx, stationId: number, now: number): Promise<ShiftResult> {
    const open = await this.repo.open(q, stationId);
    if (open) {
      await this.repo.close(q, open.id, now, 'checkout');
      await this.calling.releaseStation(q, stationId, now);
      return { ok: true, shift: toShift((await this.repo.byId(q, open.id))!) };
    }
    const last = await this.repo.latest(q, stationId);
    if (last?.endReason === 'checkout' && now - (last.endedAt ?? 0) < CHECKOUT_REPEAT_MS) {
      return { ok: true, shift: toShift(last) };
    }
    return failure('not_found', 'Nobody is checked in at this station');
  }

  /**
   * Ends shifts with no sign of their volunteer since `idleMs` ago (no act, and no waiting station
   * asking), at that last sign, so a volunteer who left without checking out does not keep adding
   * hours. Returns the stations concerned.
   */
  async closeIdle(q: Tx, now: number, idleMs: number): Promise<{ stationId: number; roomId: number }[]> {
    const closed: { stationId: number; roomId: number }[] = [];
    for (const shift of await this.repo.idleSince(q, now - idleMs, now)) {
      await this.repo.close(q, shift.id, shift.lastPresentAt, 'idle');
      closed.push({ stationId: shift.stationId, roomId: shift.roomId });
    }
    return closed;
  }

  current(q: Tx, stationId: number) {
    return this.repo.openView(q, stationId);
  }
}

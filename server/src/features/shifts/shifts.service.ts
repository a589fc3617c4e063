import type { Db } from '../../db/open.ts';
import type { ShiftResult, WalkInCheckin } from '@ringstuga/shared';
import { failure } from '../../errors.ts';
import type { CallingService } from '../calling/calling.service.ts';
import { createShiftsRepo, toShift, type ShiftsRepo } from './shifts.repo.ts';

/** A check-out retried within this long answers with the shift it ended, rather than "nobody checked in". */
const CHECKOUT_REPEAT_MS = 10 * 60 * 1000;

const sameVolunteer = (a: { name: string; associationId: number | null }, name: string, associationId: number | null) =>
  a.name.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv') && a.associationId === associationId;

/** Check-in and check-out at a station. Each call is one transaction. */
export class ShiftsService {
  readonly repo: ShiftsRepo;

  constructor(
    private readonly db: Db,
    private readonly calling: CallingService,
  ) {
    this.repo = createShiftsRepo(db);
  }

  /**
   * Starts a shift. Checking in again as the same volunteer returns the open shift (a retried
   * request, or a reload); someone else checking in ends the previous volunteer's shift at their
   * last activity, and their held contact goes back to the queue.
   */
  checkin(stationId: number, input: WalkInCheckin, now: number): ShiftResult {
    return this.db.$client
      .transaction((): ShiftResult => {
        if (input.associationId !== null && !this.repo.associationExists(input.associationId)) {
          return failure('not_found', 'No such association');
        }
        const open = this.repo.open(stationId);
        if (open && sameVolunteer(open, input.name, input.associationId)) return { ok: true, shift: toShift(open) };
        if (open) {
          this.repo.close(open.id, open.lastActivityAt, 'replaced');
          this.calling.inSqliteTransaction.releaseStation(stationId, now);
        }
        const id = this.repo.insert({ stationId, name: input.name, associationId: input.associationId, languages: input.languages ?? [], now });
        if (id === undefined) return failure('not_found', 'No such station');
        return { ok: true, shift: toShift(this.repo.byId(id)!) };
      })
      .immediate();
  }

  /** Ends the open shift now; a repeat shortly after answers with the shift it ended. */
  checkout(stationId: number, now: number): ShiftResult {
    return this.db.$client
      .transaction((): ShiftResult => {
        const open = this.repo.open(stationId);
        if (open) {
          this.repo.close(open.id, now, 'checkout');
          this.calling.inSqliteTransaction.releaseStation(stationId, now);
          return { ok: true, shift: toShift(this.repo.byId(open.id)!) };
        }
        const last = this.repo.latest(stationId);
        if (last?.endReason === 'checkout' && now - (last.endedAt ?? 0) < CHECKOUT_REPEAT_MS) {
          return { ok: true, shift: toShift(last) };
        }
        return failure('not_found', 'Nobody is checked in at this station');
      })
      .immediate();
  }

  /**
   * Ends shifts with no sign of their volunteer since `idleMs` ago (no act, and no waiting station
   * asking), at that last sign, so a volunteer who left without checking out does not keep adding
   * hours. Returns the stations concerned.
   */
  closeIdle(now: number, idleMs: number): { stationId: number; roomId: number }[] {
    return this.db.$client
      .transaction(() =>
        this.repo.idleSince(now - idleMs, now).map((shift) => {
          this.repo.close(shift.id, shift.lastPresentAt, 'idle');
          return { stationId: shift.stationId, roomId: shift.roomId };
        }),
      )
      .immediate();
  }

  current(stationId: number) {
    const open = this.repo.open(stationId);
    return open ? toShift(open) : null;
  }
}

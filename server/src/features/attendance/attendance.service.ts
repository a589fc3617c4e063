import type { CheckinInput, ShiftResult } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { failure } from '../../errors.ts';
import type { ShiftsService } from '../shifts/shifts.service.ts';
import { CHECKIN_OPENS_BEFORE_MS, type AttendanceRepo, type CheckinBooking } from './attendance.repo.ts';

export interface AttendanceDeps {
  db: Db;
  repo: AttendanceRepo;
  shifts: ShiftsService;
  /** The volunteer a personal token belongs to (none once erased). */
  volunteerByToken(token: string): Promise<{ id: number } | undefined>;
}

const OPENS_MINUTES = CHECKIN_OPENS_BEFORE_MS / 60_000;

/**
 * Check-in at a station: a walk-in starts a shift by name as before; a booked volunteer (by the
 * booking picked from "expected now", or the personal token of their QR code) starts one as
 * themselves and their booking becomes `attended`, carrying the shift. Each call is one transaction.
 */
export function createAttendanceService(deps: AttendanceDeps) {
  const { db, repo, shifts } = deps;

  /** Why this booking may not check in at this room now; undefined when it may. */
  function refusal(booking: CheckinBooking, roomId: number, now: number): string | undefined {
    if (booking.roomId !== roomId) return 'This booking is for another room';
    if (booking.status === 'cancelled' || booking.sessionCancelledAt !== null) return 'This booking was cancelled';
    if (booking.status === 'waitlisted') return 'This booking is on the waiting list, not a place: check in by name instead';
    if (now < booking.startsAt - CHECKIN_OPENS_BEFORE_MS) return `Check-in for this session opens ${OPENS_MINUTES} minutes before it starts`;
    if (now >= booking.endsAt) return 'This session has ended';
    return undefined;
  }

  function checkinBooked(stationId: number, booking: CheckinBooking, now: number): ShiftResult {
    // A repeat (a retried request, a second tap) answers with the shift the booking already carries.
    const open = shifts.current(stationId);
    if (open && open.id === booking.shiftId) return { ok: true, shift: open };
    const result = shifts.checkin(stationId, { name: booking.name, associationId: booking.associationId, languages: booking.languages }, now);
    // The shift that made it attended stays on the booking; checking in again later (after an idle check-out) only starts a shift.
    if (result.ok && booking.status === 'booked') repo.attend(booking.id, result.shift.id, now);
    return result;
  }

  return {
    async checkin(stationId: number, roomId: number, input: CheckinInput, now: number): Promise<ShiftResult> {
      if ('name' in input) return shifts.checkin(stationId, input, now);
      // Read before the transaction: the volunteers' repo is on the store (async).
      const byToken = 'bookingId' in input ? undefined : await deps.volunteerByToken(input.personalToken);
      return db.transaction(
        (): ShiftResult => {
          let booking: CheckinBooking | undefined;
          if ('bookingId' in input) {
            booking = repo.booking(input.bookingId);
            if (!booking) return failure('not_found', 'No such booking');
          } else {
            const volunteer = byToken;
            if (!volunteer) return failure('not_found', 'This personal link is not valid');
            booking = repo.bookingOfVolunteerNow(volunteer.id, roomId, now);
            if (!booking) return failure('not_found', 'No booking for this room right now');
          }
          const refused = refusal(booking, roomId, now);
          return refused ? failure('not_found', refused) : checkinBooked(stationId, booking, now);
        },
        { behavior: 'immediate' },
      );
    },
    expected: (roomId: number, now: number) => repo.expected(roomId, now),
    /**
     * Closes every session that has ended: its bookings with no check-in become `no_show`.
     * Returns the rooms concerned, whose "expected now" may have changed.
     */
    closeEnded(now: number): number[] {
      return db.transaction(
        () => {
          const ended = repo.endedSessions(now);
          for (const session of ended) repo.closeSession(session.id, now);
          return [...new Set(ended.map((session) => session.roomId))];
        },
        { behavior: 'immediate' },
      );
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

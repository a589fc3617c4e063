import type { CheckinInput, ShiftResult } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import type { ShiftsService } from '../shifts/shifts.service.ts';
import { attendanceRepo as repo, CHECKIN_OPENS_BEFORE_MS, type CheckinBooking } from './attendance.repo.ts';

export interface AttendanceDeps {
  shifts: ShiftsService;
  /** The volunteer a personal token belongs to (none once erased). */
  volunteerByToken(q: Tx, token: string): Promise<{ id: number } | undefined>;
}

const OPENS_MINUTES = CHECKIN_OPENS_BEFORE_MS / 60_000;

/** A check-in's answer, and the other station a booked volunteer moved from (checked out there), if any. */
export interface Checkin {
  result: ShiftResult;
  vacated: number | null;
}

/**
 * Check-in at a station: a walk-in starts a shift by name as before; a booked volunteer (by the
 * booking picked from "expected now", or the personal token of their QR code) starts one as
 * themselves and their booking becomes `attended`, carrying the shift. Each runs inside the caller's
 * store write (`q`), which makes it atomic.
 */
export function createAttendanceService(deps: AttendanceDeps) {
  const { shifts } = deps;

  /** Why this booking may not check in at this room now; undefined when it may. */
  function refusal(booking: CheckinBooking, roomId: number, now: number): string | undefined {
    if (booking.roomId !== roomId) return 'This booking is for another room';
    if (booking.status === 'cancelled' || booking.sessionCancelledAt !== null) return 'This booking was cancelled';
    if (booking.status === 'waitlisted') return 'This booking is on the waiting list, not a place: check in by name instead';
    if (now < booking.startsAt - CHECKIN_OPENS_BEFORE_MS) return `Check-in for this session opens ${OPENS_MINUTES} minutes before it starts`;
    if (now >= booking.endsAt) return 'This session has ended';
    return undefined;
  }

  async function checkinBooked(q: Tx, stationId: number, booking: CheckinBooking, now: number): Promise<Checkin> {
    // Moved seats: a shift of theirs still open at another station (the first, or one started again
    // after an idle check-out) is checked out there first (its contact back to the queue): one person is at one station.
    const vacated = (await shifts.repo.openStationsOf(q, booking.volunteerId)).find((other) => other !== stationId) ?? null;
    if (vacated !== null) await shifts.checkout(q, vacated, now);
    const input = { name: booking.name, associationId: booking.associationId, languages: booking.languages };
    // Their shift open here (a retried request, a second tap, or staying on into the next session) is the answer.
    const result = await shifts.checkin(q, stationId, input, now, booking.volunteerId);
    // The shift that made it attended stays on the booking; checking in again later (after an idle check-out) only starts a shift.
    if (result.ok && booking.status === 'booked') await repo.attend(q, booking.id, result.shift.id, now);
    return { result, vacated };
  }

  return {
    async checkin(q: Tx, stationId: number, roomId: number, input: CheckinInput, now: number): Promise<Checkin> {
      const refused = (message: string) => ({ result: failure('not_found', message), vacated: null });
      if ('name' in input) return { result: await shifts.checkin(q, stationId, input, now), vacated: null };
      let booking: CheckinBooking | undefined;
      if ('bookingId' in input) {
        booking = await repo.booking(q, input.bookingId);
        if (!booking) return refused('No such booking');
      } else {
        const volunteer = await deps.volunteerByToken(q, input.personalToken);
        if (!volunteer) return refused('This personal link is not valid');
        booking = await repo.bookingOfVolunteerNow(q, volunteer.id, roomId, now);
        if (!booking) return refused('No booking for this room right now');
      }
      const why = refusal(booking, roomId, now);
      return why ? refused(why) : checkinBooked(q, stationId, booking, now);
    },
    expected: (q: Tx, roomId: number, now: number) => repo.expected(q, roomId, now),
    /**
     * Closes every session that has ended: its bookings with no check-in become `no_show`.
     * Returns the rooms concerned, whose "expected now" may have changed.
     */
    async closeEnded(q: Tx, now: number): Promise<number[]> {
      const ended = await repo.endedSessions(q, now);
      for (const session of ended) await repo.closeSession(q, session.id, now);
      return [...new Set(ended.map((session) => session.roomId))];
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

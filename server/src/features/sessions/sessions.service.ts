import { SERIES_MAX_SESSIONS, type Session, type SessionInput } from '@ringstuga/shared';
import { DateTime } from 'luxon';
import type { CallingHours } from '../../config.ts';
import type { Tx } from '../../db/store/store.ts';
import { CallingClock, describeCallingHours } from '../../calling-hours.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import type { Places } from './places.ts';
import { Refusal } from './refusal.ts';
import { seriesSlots, type Slot } from './series.ts';
import type { SessionRow, SessionsRepo } from './sessions.repo.ts';

interface Deps {
  repo: SessionsRepo;
  places: Places;
  timeZone: string;
  /** CALLING_HOURS on TIME_ZONE's clock: a session outside them would call no one. */
  callingHours: CallingHours;
}

/**
 * The rules of calling sessions. Each method runs inside one store write (the caller's), and
 * throws a Refusal to roll the whole of it back: a series is made whole or not at all.
 */
export function createSessionsService({ repo, places, timeZone, callingHours }: Deps) {
  const clock = new CallingClock(callingHours, timeZone);

  async function checkCapacity(q: Tx, roomId: number, capacity: number): Promise<void> {
    const stations = await repo.stationsIn(q, roomId);
    if (capacity > stations) throw new Refusal('invalid_request', `The room has ${stations} stations; a session cannot hold more`, { reason: 'session_over_stations', params: { stations } });
  }

  async function checkSlot(q: Tx, roomId: number, slot: Slot, exceptId?: number): Promise<void> {
    if (slot.endsAt <= slot.startsAt) throw new Refusal('invalid_request', 'A session must end after it starts', { reason: 'session_ends_before_start' });
    if (!clock.covers(slot.startsAt, slot.endsAt)) {
      const hours = describeCallingHours(callingHours);
      throw new Refusal('invalid_request', `Calls are made ${hours} (CALLING_HOURS, ${timeZone}): a session must lie within them`, {
        reason: 'session_outside_hours',
        params: { hours, zone: timeZone },
      });
    }
    if (await repo.overlaps(q, roomId, slot.startsAt, slot.endsAt, exceptId)) {
      // The page shows the session's start as the leader planned it, on the campaign's clock.
      const at = DateTime.fromMillis(slot.startsAt, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
      throw new Refusal('conflict', `The room already has a session overlapping ${new Date(slot.startsAt).toISOString()}`, { reason: 'session_overlaps', params: { at } });
    }
  }

  /** Tells everyone holding a live booking in the session, once per key. */
  async function tell(q: Tx, sessionId: number, kind: 'changed' | 'cancelled', keyOf: (bookingId: number) => string, now: number): Promise<void> {
    for (const booking of await repo.liveBookings(q, sessionId)) {
      if (await places.hasEmail(q, booking.volunteerId)) await queueMail(q, { kind, volunteerId: booking.volunteerId, bookingId: booking.id, sessionId, key: keyOf(booking.id) }, now);
    }
  }

  return {
    async create(q: Tx, roomId: number, input: SessionInput, campaignId: number, now: number): Promise<Session[]> {
      const slots =
        'series' in input
          ? seriesSlots(input.series, timeZone, SERIES_MAX_SESSIONS)
          : [{ startsAt: Date.parse(input.startsAt), endsAt: Date.parse(input.endsAt) }];
      if (slots === null) throw new Refusal('invalid_request', `A series may make at most ${SERIES_MAX_SESSIONS} sessions`, { reason: 'series_too_long', params: { max: SERIES_MAX_SESSIONS } });
      if (slots.length === 0) throw new Refusal('invalid_request', 'The series makes no session: check its dates, weekdays and window', { reason: 'series_empty' });
      const capacity = input.capacity ?? (await repo.stationsIn(q, roomId));
      if (capacity < 1) throw new Refusal('invalid_request', 'The room has no stations yet; add stations before sessions', { reason: 'room_without_stations' });
      await checkCapacity(q, roomId, capacity);
      const made: Session[] = [];
      // One after another: each is checked against the sessions made so far in this series too (same transaction).
      for (const slot of slots) {
        await checkSlot(q, roomId, slot);
        const id = await repo.insert(q, roomId, slot.startsAt, slot.endsAt, capacity, campaignId, now);
        made.push(await repo.summary(q, (await repo.find(q, id))!));
      }
      return made;
    },

    /**
     * A new time tells each booked person (`changed:<revision>`); a new capacity moves waiting people up.
     * The caller took `lockPlaces(session.id)` before reading `session`: the capacity is checked against the places taken.
     */
    async update(q: Tx, session: SessionRow, change: { startsAt?: string; endsAt?: string; capacity?: number }, now: number): Promise<Session> {
      if (session.cancelledAt !== null) throw new Refusal('conflict', 'The session was cancelled', { reason: 'session_cancelled' });
      const startsAt = change.startsAt === undefined ? session.startsAt : Date.parse(change.startsAt);
      const endsAt = change.endsAt === undefined ? session.endsAt : Date.parse(change.endsAt);
      const capacity = change.capacity ?? session.capacity;
      await checkSlot(q, session.roomId, { startsAt, endsAt }, session.id);
      await checkCapacity(q, session.roomId, capacity);
      const counted = (await places.places(q, session.id))!;
      const generalTaken = counted.capacity - counted.teamPlaces - counted.generalFree;
      if (capacity < counted.teamPlaces + Math.max(0, generalTaken)) {
        throw new Refusal('conflict', 'More places are booked or held for teams than that capacity; cancel bookings or teams first', {
          reason: 'capacity_below_taken',
        });
      }
      const moved = startsAt !== session.startsAt || endsAt !== session.endsAt;
      const revision = moved ? session.revision + 1 : session.revision;
      await repo.update(q, session.id, { startsAt, endsAt, capacity, revision });
      if (moved) await tell(q, session.id, 'changed', (bookingId) => `changed:${revision}:booking:${bookingId}`, now);
      await places.fill(q, session.id, now);
      return repo.summary(q, (await repo.find(q, session.id))!);
    },

    /** Cancels the session and every live booking in it, telling each booked or waiting person (under `lockPlaces`, as `update`). */
    async cancel(q: Tx, session: SessionRow, now: number): Promise<void> {
      if (session.cancelledAt !== null) return;
      await tell(q, session.id, 'cancelled', (bookingId) => `cancelled:booking:${bookingId}`, now);
      await repo.cancel(q, session.id, now);
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;

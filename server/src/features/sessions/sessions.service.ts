import { SERIES_MAX_SESSIONS, type Session, type SessionInput } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { queueMail } from '../mail/mail-outbox.ts';
import type { Places } from './places.ts';
import { Refusal } from './refusal.ts';
import { seriesSlots, type Slot } from './series.ts';
import type { SessionRow, SessionsRepo } from './sessions.repo.ts';

interface Deps {
  db: Db;
  repo: SessionsRepo;
  places: Places;
  timeZone: string;
}

/**
 * The rules of calling sessions. Each method runs inside one write (the caller's batcher), and
 * throws a Refusal to roll the whole of it back: a series is made whole or not at all.
 */
export function createSessionsService({ db, repo, places, timeZone }: Deps) {
  function checkCapacity(roomId: number, capacity: number): void {
    const stations = repo.stationsIn(roomId);
    if (capacity > stations) throw new Refusal('invalid_request', `The room has ${stations} stations; a session cannot hold more`);
  }

  function checkSlot(roomId: number, slot: Slot, exceptId?: number): void {
    if (slot.endsAt <= slot.startsAt) throw new Refusal('invalid_request', 'A session must end after it starts');
    if (repo.overlaps(roomId, slot.startsAt, slot.endsAt, exceptId)) {
      throw new Refusal('conflict', `The room already has a session overlapping ${new Date(slot.startsAt).toISOString()}`);
    }
  }

  /** Tells everyone holding a live booking in the session, once per key. */
  function tell(sessionId: number, kind: 'changed' | 'cancelled', keyOf: (bookingId: number) => string, now: number): void {
    for (const booking of repo.liveBookings(sessionId)) {
      if (places.hasEmail(booking.volunteerId)) queueMail(db, { kind, volunteerId: booking.volunteerId, bookingId: booking.id, sessionId, key: keyOf(booking.id) }, now);
    }
  }

  return {
    create(roomId: number, input: SessionInput, campaignId: number, now: number): Session[] {
      const slots =
        'series' in input
          ? seriesSlots(input.series, timeZone, SERIES_MAX_SESSIONS)
          : [{ startsAt: Date.parse(input.startsAt), endsAt: Date.parse(input.endsAt) }];
      if (slots === null) throw new Refusal('invalid_request', `A series may make at most ${SERIES_MAX_SESSIONS} sessions`);
      if (slots.length === 0) throw new Refusal('invalid_request', 'The series makes no session: check its dates, weekdays and window');
      const capacity = input.capacity ?? repo.stationsIn(roomId);
      if (capacity < 1) throw new Refusal('invalid_request', 'The room has no stations yet; add stations before sessions');
      checkCapacity(roomId, capacity);
      return slots.map((slot) => {
        // Checked against the sessions made so far in this series too: they are in the same transaction.
        checkSlot(roomId, slot);
        return repo.summary(repo.find(repo.insert(roomId, slot.startsAt, slot.endsAt, capacity, campaignId, now))!);
      });
    },

    /** A new time tells each booked person (`changed:<revision>`); a new capacity moves waiting people up. */
    update(session: SessionRow, change: { startsAt?: string; endsAt?: string; capacity?: number }, now: number): Session {
      if (session.cancelledAt !== null) throw new Refusal('conflict', 'The session was cancelled');
      const startsAt = change.startsAt === undefined ? session.startsAt : Date.parse(change.startsAt);
      const endsAt = change.endsAt === undefined ? session.endsAt : Date.parse(change.endsAt);
      const capacity = change.capacity ?? session.capacity;
      checkSlot(session.roomId, { startsAt, endsAt }, session.id);
      checkCapacity(session.roomId, capacity);
      const counted = places.places(session.id)!;
      const generalTaken = counted.capacity - counted.teamPlaces - counted.generalFree;
      if (capacity < counted.teamPlaces + Math.max(0, generalTaken)) {
        throw new Refusal('conflict', 'More places are booked or held for teams than that capacity; cancel bookings or teams first');
      }
      const moved = startsAt !== session.startsAt || endsAt !== session.endsAt;
      const revision = moved ? session.revision + 1 : session.revision;
      repo.update(session.id, { startsAt, endsAt, capacity, revision });
      if (moved) tell(session.id, 'changed', (bookingId) => `changed:${revision}:booking:${bookingId}`, now);
      places.fill(session.id, now);
      return repo.summary(repo.find(session.id)!);
    },

    /** Cancels the session and every live booking in it, telling each booked or waiting person. */
    cancel(session: SessionRow, now: number): void {
      if (session.cancelledAt !== null) return;
      tell(session.id, 'cancelled', (bookingId) => `cancelled:booking:${bookingId}`, now);
      repo.cancel(session.id, now);
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;

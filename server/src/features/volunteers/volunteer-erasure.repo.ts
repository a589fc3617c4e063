import type { Database } from 'better-sqlite3';

/** What erasing volunteers did: counts only, for the answer and the audit log. */
export interface VolunteersErased {
  volunteers: number;
  bookingsCancelled: number;
  messagesDropped: number;
}

/**
 * Removing volunteers' personal data: on request (DELETE /api/volunteers/{id}), after
 * VOLUNTEER_RETENTION_DAYS without a booking, and at the end-of-campaign purge. The row stays,
 * blank, for the anonymous attendance counts. Every function expects the caller's transaction.
 */
export function createVolunteerErasure(
  sqlite: Database,
  /** Cancels a live booking and gives its place to the first one waiting (sessions' places). */
  cancelBooking: (bookingId: number, sessionId: number, now: number) => boolean,
) {
  const s = {
    exists: sqlite.prepare('SELECT 1 FROM volunteers WHERE id = ?').pluck(),
    live: sqlite.prepare('SELECT id FROM volunteers WHERE erased_at IS NULL').pluck(),
    // No booking made since the cutoff, and none still ahead (a booking far ahead keeps its details).
    idle: sqlite
      .prepare(
        `SELECT v.id FROM volunteers v
         WHERE v.erased_at IS NULL AND COALESCE(v.last_booked_at, v.created_at) < @cutoff
           AND NOT EXISTS (SELECT 1 FROM bookings b JOIN calling_sessions s ON s.id = b.session_id
                           WHERE b.volunteer_id = v.id AND b.status IN ('booked', 'waitlisted') AND s.ends_at > @now)`,
      )
      .pluck(),
    futureBookings: sqlite.prepare(
      `SELECT b.id, b.session_id AS sessionId FROM bookings b JOIN calling_sessions s ON s.id = b.session_id
       WHERE b.volunteer_id = @id AND b.status IN ('booked', 'waitlisted') AND s.starts_at > @now`,
    ),
    // Unsent mail would carry the details (and the link) we are removing; sent rows name only ids.
    dropMail: sqlite.prepare('DELETE FROM mail_outbox WHERE volunteer_id = @id AND sent_at IS NULL'),
    // A pledge made in the person's name ("Anna Andersson: 5 shifts") names them too.
    blankPledges: sqlite.prepare(`UPDATE pledges SET name = '' WHERE volunteer_id = @id`),
    // A new generation voids the personal link; the stored hash becomes one of no token at all.
    blank: sqlite.prepare(
      `UPDATE volunteers SET name = '', email = NULL, phone = NULL, languages = '[]', erased_at = COALESCE(erased_at, @now),
         token_generation = token_generation + 1, token_hash = lower(hex(randomblob(32)))
       WHERE id = @id`,
    ),
  };

  function erase(ids: readonly number[], now: number): VolunteersErased {
    const erased: VolunteersErased = { volunteers: 0, bookingsCancelled: 0, messagesDropped: 0 };
    for (const id of ids) {
      // Each freed place goes to the first one waiting, as when they cancel it themselves.
      for (const booking of s.futureBookings.all({ id, now }) as { id: number; sessionId: number }[]) {
        if (cancelBooking(booking.id, booking.sessionId, now)) erased.bookingsCancelled += 1;
      }
      erased.messagesDropped += s.dropMail.run({ id }).changes;
      s.blankPledges.run({ id });
      erased.volunteers += s.blank.run({ id, now }).changes;
    }
    return erased;
  }

  return {
    /** One volunteer, on request (again if asked again); null if there is no such volunteer. */
    eraseOne: (id: number, now: number): VolunteersErased | null => (s.exists.get(id) ? erase([id], now) : null),
    /** Everyone with no booking made since `cutoff` and none ahead. */
    eraseIdle: (cutoff: number, now: number) => erase(s.idle.all({ cutoff, now }) as number[], now),
    /** Everyone: the end-of-campaign purge. */
    eraseAll: (now: number) => erase(s.live.all() as number[], now),
  };
}

export type VolunteerErasure = ReturnType<typeof createVolunteerErasure>;

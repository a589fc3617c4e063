import { eq } from 'drizzle-orm';
import type { Db } from '../../server/src/db/open.ts';
import { bookings, callingSessions, mailOutbox, rooms, volunteers } from '../../server/src/db/schema.ts';
import { tokenKey } from '../../server/src/db/token-key.ts';
import { hashToken, newSecret, personalToken } from '../../server/src/features/auth/tokens.ts';
import { outboxRow } from '../../server/src/features/mail/mail-outbox.ts';

// Sessions, volunteers and bookings as drizzle rows, for features that read them (mail, retention)
// before the sign-up routes exist on their branch. A booking queues its confirmation the way a
// sign-up does: in the same transaction, under the same key.

export const HOUR = 3_600_000;

export function buildRoom(db: Db, options: { name: string; address?: string | null }): number {
  return db.insert(rooms).values({ name: options.name, address: options.address ?? null, createdAt: 0 }).returning({ id: rooms.id }).get().id;
}

export function buildSession(db: Db, options: { roomId: number; startsAt: number; hours?: number; capacity?: number; campaignId?: number }): number {
  return db
    .insert(callingSessions)
    .values({
      roomId: options.roomId,
      startsAt: options.startsAt,
      endsAt: options.startsAt + (options.hours ?? 3) * HOUR,
      capacity: options.capacity ?? 10,
      campaignId: options.campaignId ?? 1,
      createdAt: 0,
    })
    .returning({ id: callingSessions.id })
    .get().id;
}

/** A volunteer with their personal token (derived as the app derives it). */
export function buildVolunteer(
  db: Db,
  options: { name: string; email?: string | null; phone?: string | null; languages?: string[]; createdAt: number; lastBookedAt?: number | null },
): { id: number; token: string } {
  const id = db
    .insert(volunteers)
    .values({
      name: options.name,
      email: options.email ?? null,
      phone: options.phone ?? null,
      languages: options.languages ?? [],
      tokenHash: hashToken(newSecret()),
      createdAt: options.createdAt,
      lastBookedAt: options.lastBookedAt ?? null,
    })
    .returning({ id: volunteers.id })
    .get().id;
  const token = personalToken(tokenKey(db), id, 0);
  db.update(volunteers).set({ tokenHash: hashToken(token) }).where(eq(volunteers.id, id)).run();
  return { id, token };
}

/** A booking made at `createdAt`, with its confirmation queued as a sign-up queues it. */
export function buildBooking(
  db: Db,
  options: { sessionId: number; volunteerId: number; createdAt: number; status?: 'booked' | 'waitlisted' },
): number {
  return db.transaction((tx) => {
    const id = tx
      .insert(bookings)
      .values({ sessionId: options.sessionId, volunteerId: options.volunteerId, status: options.status ?? 'booked', createdAt: options.createdAt, updatedAt: options.createdAt })
      .returning({ id: bookings.id })
      .get().id;
    tx.update(volunteers).set({ lastBookedAt: options.createdAt }).where(eq(volunteers.id, options.volunteerId)).run();
    const confirmation = { kind: 'confirmation' as const, volunteerId: options.volunteerId, bookingId: id, sessionId: options.sessionId, key: `confirmation:booking:${id}` };
    tx.insert(mailOutbox).values(outboxRow(confirmation, options.createdAt)).onConflictDoNothing({ target: mailOutbox.key }).run();
    return id;
  });
}

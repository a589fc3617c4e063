import { eq } from 'drizzle-orm';
import { bookings, callingSessions, mailOutbox, rooms, volunteers } from '../../server/src/db/schema.ts';
import { hashToken, newSecret, personalToken } from '../../server/src/features/auth/tokens.ts';
import { outboxRow } from '../../server/src/features/mail/mail-outbox.ts';
import type { Fixture } from '../factories/campaign.ts';

// Sessions, volunteers and bookings as drizzle rows, for features that read them (mail, retention)
// before the sign-up routes exist on their branch. A booking queues its confirmation the way a
// sign-up does: in the same transaction, under the same key.

export const HOUR = 3_600_000;

export async function buildRoom(target: Fixture, options: { name: string; address?: string | null }): Promise<number> {
  const [room] = await target.store.write((q) => q.db.insert(rooms).values({ name: options.name, address: options.address ?? null, createdAt: 0 }).returning({ id: rooms.id }));
  return room!.id;
}

export async function buildSession(
  target: Fixture,
  options: { roomId: number; startsAt: number; hours?: number; capacity?: number; campaignId?: number },
): Promise<number> {
  const [session] = await target.store.write((q) =>
    q.db
      .insert(callingSessions)
      .values({
        roomId: options.roomId,
        startsAt: options.startsAt,
        endsAt: options.startsAt + (options.hours ?? 3) * HOUR,
        capacity: options.capacity ?? 10,
        campaignId: options.campaignId ?? 1,
        createdAt: 0,
      })
      .returning({ id: callingSessions.id }),
  );
  return session!.id;
}

/** A volunteer with their personal token (derived as the app derives it). */
export async function buildVolunteer(
  target: Fixture,
  options: { name: string; email?: string | null; phone?: string | null; languages?: string[]; createdAt: number; lastBookedAt?: number | null },
): Promise<{ id: number; token: string }> {
  return target.store.write(async (q) => {
    const [row] = await q.db
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
      .returning({ id: volunteers.id });
    const id = row!.id;
    const token = personalToken(target.tokenKey, id, 0);
    await q.db.update(volunteers).set({ tokenHash: hashToken(token) }).where(eq(volunteers.id, id));
    return { id, token };
  });
}

/** A booking made at `createdAt`, with its confirmation queued as a sign-up queues it. */
export async function buildBooking(
  target: Fixture,
  options: { sessionId: number; volunteerId: number; createdAt: number; status?: 'booked' | 'waitlisted' },
): Promise<number> {
  return target.store.write(async (q) => {
    const [row] = await q.db
      .insert(bookings)
      .values({ sessionId: options.sessionId, volunteerId: options.volunteerId, status: options.status ?? 'booked', createdAt: options.createdAt, updatedAt: options.createdAt })
      .returning({ id: bookings.id });
    const id = row!.id;
    await q.db.update(volunteers).set({ lastBookedAt: options.createdAt }).where(eq(volunteers.id, options.volunteerId));
    const confirmation = { kind: 'confirmation' as const, volunteerId: options.volunteerId, bookingId: id, sessionId: options.sessionId, key: `confirmation:booking:${id}` };
    await q.db.insert(mailOutbox).values(outboxRow(confirmation, options.createdAt)).onConflictDoNothing({ target: mailOutbox.key });
    return id;
  });
}

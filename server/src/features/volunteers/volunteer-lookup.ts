import { eq, or, sql } from 'drizzle-orm';
import { bookings, volunteers } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

export interface FoundVolunteer {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** The last sign-up or booking (epoch ms); null if never. */
  lastBookedAt: number | null;
  bookings: number;
}

/**
 * The volunteers with this email (stored lower-case) or this phone (stored E.164): how the admin
 * finds whom a person asking to be erased is. Erased volunteers have neither, and are never found.
 */
export async function findVolunteers(q: Tx, by: { email?: string; phone?: string }): Promise<FoundVolunteer[]> {
  const matches = [by.email === undefined ? undefined : eq(volunteers.email, by.email), by.phone === undefined ? undefined : eq(volunteers.phone, by.phone)];
  return q.db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      email: volunteers.email,
      phone: volunteers.phone,
      lastBookedAt: volunteers.lastBookedAt,
      bookings: sql<number>`(SELECT count(*) FROM ${bookings} WHERE ${bookings.volunteerId} = ${volunteers.id})`.mapWith(Number),
    })
    .from(volunteers)
    .where(or(...matches))
    .orderBy(volunteers.id);
}

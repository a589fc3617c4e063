import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { volunteers } from '../../db/schema.ts';
import { tokenKey } from '../auth/token-key.ts';
import { hashToken, newSecret, personalToken } from '../auth/tokens.ts';

type VolunteerRow = typeof volunteers.$inferSelect;
export type NewVolunteer = Pick<VolunteerRow, 'name' | 'associationId' | 'email' | 'phone' | 'languages' | 'consentAt' | 'signedUpVia'>;
export type VolunteerRef = Pick<VolunteerRow, 'id' | 'name' | 'associationId'>;

/** Volunteers and their personal links (`/me#token=…`), derived from the token key so only the hash is stored. */
export function createVolunteersRepo(db: Db) {
  const tokenOf = (id: number) => {
    const { generation } = db.select({ generation: volunteers.tokenGeneration }).from(volunteers).where(eq(volunteers.id, id)).get()!;
    return personalToken(tokenKey(db), id, generation);
  };

  return {
    /** The new volunteer's id and personal token. */
    create(volunteer: NewVolunteer, now: number): { id: number; token: string } {
      // The token needs the id: a placeholder hash (never a real token's) holds the unique slot meanwhile.
      const { id } = db
        .insert(volunteers)
        .values({ ...volunteer, tokenHash: `pending:${newSecret()}`, createdAt: now })
        .returning({ id: volunteers.id })
        .get();
      const token = personalToken(tokenKey(db), id, 0);
      db.update(volunteers).set({ tokenHash: hashToken(token) }).where(eq(volunteers.id, id)).run();
      return { id, token };
    },
    /** The volunteer a personal token belongs to; none once they erased themselves. */
    findByToken: (token: string): VolunteerRef | undefined =>
      db
        .select({ id: volunteers.id, name: volunteers.name, associationId: volunteers.associationId })
        .from(volunteers)
        .where(and(eq(volunteers.tokenHash, hashToken(token)), isNull(volunteers.erasedAt)))
        .get(),
    tokenOf,
    /**
     * The volunteer an earlier identical sign-up through the same link made, so a retried request
     * books into the same person instead of making a second one.
     */
    findRetry(via: string, name: string, email: string | null, phone: string | null): number | undefined {
      // The same details as given: the name case aside, the email (stored lower-case, and it comes
      // lower-cased from zSignupInput) and the phone (stored E.164) each the same or both missing.
      // Whoever repeats all of them through the link is answered that person's link, so nothing
      // less than the whole sign-up matches.
      return db
        .select({ id: volunteers.id })
        .from(volunteers)
        .where(
          and(
            eq(volunteers.signedUpVia, via),
            isNull(volunteers.erasedAt),
            sql`lower(${volunteers.name}) = lower(${name})`,
            sql`${volunteers.email} IS ${email}`,
            sql`${volunteers.phone} IS ${phone}`,
          ),
        )
        .orderBy(asc(volunteers.id))
        .limit(1)
        .get()?.id;
    },
  };
}

export type VolunteersRepo = ReturnType<typeof createVolunteersRepo>;

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { volunteers } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { hashToken, newSecret, personalToken } from '../auth/tokens.ts';

type VolunteerRow = typeof volunteers.$inferSelect;
export type NewVolunteer = Pick<VolunteerRow, 'name' | 'associationId' | 'email' | 'phone' | 'languages' | 'consentAt' | 'signedUpVia'>;
export type VolunteerRef = Pick<VolunteerRow, 'id' | 'name' | 'associationId'>;

/** Volunteers and their personal links (`/me#token=…`), derived from the token key so only the hash is stored. */
export function createVolunteersRepo(
  /** The key personal tokens are derived from (auth's token key, settled at start). */
  key: () => string,
) {
  const tokenOf = async (q: Tx, id: number) => {
    const { generation } = first(await q.db.select({ generation: volunteers.tokenGeneration }).from(volunteers).where(eq(volunteers.id, id)))!;
    return personalToken(key(), id, generation);
  };

  return {
    /** The new volunteer's id and personal token. */
    async create(q: Tx, volunteer: NewVolunteer, now: number): Promise<{ id: number; token: string }> {
      // The token needs the id: a placeholder hash (never a real token's) holds the unique slot meanwhile.
      const [row] = await q.db
        .insert(volunteers)
        .values({ ...volunteer, tokenHash: `pending:${newSecret()}`, createdAt: now })
        .returning({ id: volunteers.id });
      const id = row!.id;
      const token = personalToken(key(), id, 0);
      await q.db.update(volunteers).set({ tokenHash: hashToken(token) }).where(eq(volunteers.id, id));
      return { id, token };
    },
    /** The volunteer a personal token belongs to; none once they erased themselves. */
    findByToken: async (q: Tx, token: string): Promise<VolunteerRef | undefined> =>
      first(
        await q.db
          .select({ id: volunteers.id, name: volunteers.name, associationId: volunteers.associationId })
          .from(volunteers)
          .where(and(eq(volunteers.tokenHash, hashToken(token)), isNull(volunteers.erasedAt))),
      ),
    tokenOf,
    /**
     * The volunteer an earlier identical sign-up through the same link made, so a retried request
     * books into the same person instead of making a second one.
     */
    async findRetry(q: Tx, via: string, name: string, email: string | null, phone: string | null): Promise<number | undefined> {
      // The same details as given: the name case aside, the email (stored lower-case, and it comes
      // lower-cased from zSignupInput) and the phone (stored E.164) each the same or both missing.
      // Whoever repeats all of them through the link is answered that person's link, so nothing
      // less than the whole sign-up matches.
      // IS NOT DISTINCT FROM: equal, or both NULL (SQLite and PostgreSQL alike).
      const rows = await q.db
        .select({ id: volunteers.id })
        .from(volunteers)
        .where(
          and(
            eq(volunteers.signedUpVia, via),
            isNull(volunteers.erasedAt),
            sql`lower(${volunteers.name}) = lower(CAST(${name} AS TEXT))`,
            sql`${volunteers.email} IS NOT DISTINCT FROM ${email}`,
            sql`${volunteers.phone} IS NOT DISTINCT FROM ${phone}`,
          ),
        )
        .orderBy(asc(volunteers.id))
        .limit(1);
      return first(rows)?.id;
    },
  };
}

export type VolunteersRepo = ReturnType<typeof createVolunteersRepo>;

import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ChangeKind } from '@ringstuga/shared';
import { callLists, calls, contacts, newHelpers, signupLinks } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** One line of a list's changes: who, what changed, and when. */
export interface ChangeRow {
  externalId: string | null;
  name: string;
  phone: string;
  change: ChangeKind;
  at: number;
}

export interface NewHelperRow {
  id: number;
  name: string;
  phone: string;
  listId: number;
  listName: string;
  createdAt: number;
  signUpSentAt: number | null;
}

// The outcomes the association's register should hear of; anything else a later call said wins.
const REGISTER_OUTCOMES: ChangeKind[] = ['wrong_number', 'do_not_call'];

/** Queries for the change list and the new helpers; the rows themselves are written at the outcome (questions). */
export function createChangesRepo() {
  // Each contact's latest call (calls_contact indexes contact_id, ended_at): only what it said counts.
  const latestCall = sql`(SELECT c2.id FROM ${calls} c2 WHERE c2.contact_id = ${contacts.id} ORDER BY c2.ended_at DESC, c2.id DESC LIMIT 1)`;
  const registerChanges = (q: Tx, listId: number) =>
    q.db
      .select({ externalId: contacts.externalId, name: contacts.name, phone: contacts.phone, change: calls.outcome, at: calls.endedAt })
      .from(contacts)
      .innerJoin(calls, eq(calls.contactId, contacts.id))
      .where(and(eq(contacts.listId, listId), eq(calls.id, latestCall), inArray(calls.outcome, REGISTER_OUTCOMES)));
  const helperChanges = (q: Tx, listId: number) =>
    q.db
      .select({ externalId: contacts.externalId, name: newHelpers.name, phone: newHelpers.phone, at: newHelpers.createdAt })
      .from(newHelpers)
      .leftJoin(contacts, eq(contacts.id, newHelpers.contactId))
      .where(eq(newHelpers.listId, listId));

  return {
    /** The list's wrong numbers and do-not-calls (by each contact's latest call) and its new helpers, oldest first. */
    async changes(q: Tx, listId: number): Promise<ChangeRow[]> {
      const fromCalls = (await registerChanges(q, listId)).map((row) => ({ ...row, change: row.change as ChangeKind }));
      const helpers = (await helperChanges(q, listId)).map((row): ChangeRow => ({ ...row, change: 'wants_to_help' }));
      return [...fromCalls, ...helpers].sort((a, b) => a.at - b.at || a.phone.localeCompare(b.phone));
    },
    /** An association's new helpers, the newest first. */
    newHelpers: (q: Tx, associationId: number): Promise<NewHelperRow[]> =>
      q.db
        .select({
          id: newHelpers.id,
          name: newHelpers.name,
          phone: newHelpers.phone,
          listId: newHelpers.listId,
          listName: callLists.name,
          createdAt: newHelpers.createdAt,
          signUpSentAt: newHelpers.signUpSentAt,
        })
        .from(newHelpers)
        .innerJoin(callLists, eq(callLists.id, newHelpers.listId))
        .where(eq(newHelpers.associationId, associationId))
        .orderBy(desc(newHelpers.createdAt), desc(newHelpers.id)),
    /** Marks the sign-up link sent; a second time keeps the first time. Undefined if the helper is not the association's. */
    async markSent(q: Tx, associationId: number, helperId: number, now: number): Promise<{ signUpSentAt: number } | undefined> {
      const row = first(
        await q.db
          .update(newHelpers)
          .set({ signUpSentAt: sql`coalesce(${newHelpers.signUpSentAt}, CAST(${now} AS BIGINT))` })
          .where(and(eq(newHelpers.id, helperId), eq(newHelpers.associationId, associationId)))
          .returning({ signUpSentAt: newHelpers.signUpSentAt }),
      );
      return row?.signUpSentAt == null ? undefined : { signUpSentAt: row.signUpSentAt };
    },
    /** How many of the sign-up links `createdBy` made were revoked: the next one's generation. */
    revokedSignupLinks: async (q: Tx, createdBy: string): Promise<number> =>
      first(
        await q.db
          .select({ n: count() })
          .from(signupLinks)
          .where(and(eq(signupLinks.createdBy, createdBy), isNotNull(signupLinks.revokedAt))),
      )?.n ?? 0,
  };
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;
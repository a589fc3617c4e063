import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ChangeKind } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { callLists, calls, contacts, newHelpers, signupLinks } from '../../db/schema.ts';

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
export function createChangesRepo(db: Db) {
  // Each contact's latest call (calls_contact indexes contact_id, ended_at): only what it said counts.
  const latestCall = sql`(SELECT c2.id FROM ${calls} c2 WHERE c2.contact_id = ${contacts.id} ORDER BY c2.ended_at DESC, c2.id DESC LIMIT 1)`;
  const registerChanges = db
    .select({ externalId: contacts.externalId, name: contacts.name, phone: contacts.phone, change: calls.outcome, at: calls.endedAt })
    .from(contacts)
    .innerJoin(calls, eq(calls.contactId, contacts.id))
    .where(and(eq(contacts.listId, sql.placeholder('listId')), eq(calls.id, latestCall), inArray(calls.outcome, REGISTER_OUTCOMES)))
    .prepare();
  const helperChanges = db
    .select({ externalId: contacts.externalId, name: newHelpers.name, phone: newHelpers.phone, at: newHelpers.createdAt })
    .from(newHelpers)
    .leftJoin(contacts, eq(contacts.id, newHelpers.contactId))
    .where(eq(newHelpers.listId, sql.placeholder('listId')))
    .prepare();

  return {
    /** The list's wrong numbers and do-not-calls (by each contact's latest call) and its new helpers, oldest first. */
    changes(listId: number): ChangeRow[] {
      const fromCalls = registerChanges.all({ listId }).map((row) => ({ ...row, change: row.change as ChangeKind }));
      const helpers = helperChanges.all({ listId }).map((row): ChangeRow => ({ ...row, change: 'wants_to_help' }));
      return [...fromCalls, ...helpers].sort((a, b) => a.at - b.at || a.phone.localeCompare(b.phone));
    },
    /** An association's new helpers, the newest first. */
    newHelpers: (associationId: number): NewHelperRow[] =>
      db
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
        .orderBy(desc(newHelpers.createdAt), desc(newHelpers.id))
        .all(),
    /** Marks the sign-up link sent; a second time keeps the first time. Undefined if the helper is not the association's. */
    markSent(associationId: number, helperId: number, now: number): { signUpSentAt: number } | undefined {
      const row = db
        .update(newHelpers)
        .set({ signUpSentAt: sql`coalesce(${newHelpers.signUpSentAt}, ${now})` })
        .where(and(eq(newHelpers.id, helperId), eq(newHelpers.associationId, associationId)))
        .returning({ signUpSentAt: newHelpers.signUpSentAt })
        .get();
      return row?.signUpSentAt == null ? undefined : { signUpSentAt: row.signUpSentAt };
    },
    /** How many of the sign-up links `createdBy` made were revoked: the next one's generation. */
    revokedSignupLinks: (createdBy: string): number =>
      db
        .select({ n: count() })
        .from(signupLinks)
        .where(and(eq(signupLinks.createdBy, createdBy), isNotNull(signupLinks.revokedAt)))
        .get()?.n ?? 0,
  };
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;
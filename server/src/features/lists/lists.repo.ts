import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { CallListSummary } from '@ringstuga/shared';
import { associations, callLists, campaigns, municipalities } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

/** A list with what its owner's routes need to decide and label. */
export interface ListRow {
  id: number;
  name: string;
  associationId: number;
  associationName: string;
  notesEnabled: boolean;
  /** An archived campaign's list keeps its figures and takes no new contacts. */
  campaignArchived: boolean;
}

// A deleted list is gone for every route: only its anonymous counters remain (in the leaderboards).
const notDeleted = isNull(callLists.deletedAt);

export function createListsRepo() {
  const summaries = (q: Tx) =>
    q.db
      .select({
        id: callLists.id,
        name: callLists.name,
        active: callLists.active,
        association: { id: associations.id, name: associations.name },
        municipality: { code: municipalities.code, name: municipalities.name },
        contacts: callLists.contactsCount,
        notesEnabled: callLists.notesEnabled,
        campaignId: callLists.campaignId,
      })
      .from(callLists)
      .innerJoin(associations, eq(associations.id, callLists.associationId))
      .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode));
  return {
    /** Every list (by municipality, association and id), or one association's own. */
    summaries: (q: Tx): Promise<CallListSummary[]> =>
      summaries(q).where(notDeleted).orderBy(asc(municipalities.name), asc(associations.name), asc(callLists.id)),
    summary: async (q: Tx, id: number): Promise<CallListSummary | undefined> => first(await summaries(q).where(and(eq(callLists.id, id), notDeleted))),
    exists: async (q: Tx, id: number): Promise<boolean> =>
      first(await q.db.select({ id: callLists.id }).from(callLists).where(and(eq(callLists.id, id), notDeleted))) !== undefined,
    find: async (q: Tx, id: number): Promise<ListRow | undefined> =>
      first(
        await q.db
          .select({
            id: callLists.id,
            name: callLists.name,
            associationId: callLists.associationId,
            associationName: associations.name,
            notesEnabled: callLists.notesEnabled,
            // 1 or 0, not the comparison itself: PostgreSQL would answer a boolean, SQLite an integer.
            campaignArchived: sql<boolean>`CASE WHEN ${campaigns.status} = 'archived' THEN 1 ELSE 0 END`.mapWith((value) => Number(value) === 1),
          })
          .from(callLists)
          .innerJoin(associations, eq(associations.id, callLists.associationId))
          .innerJoin(campaigns, eq(campaigns.id, callLists.campaignId))
          .where(and(eq(callLists.id, id), notDeleted)),
      ),
    associationExists: async (q: Tx, id: number): Promise<boolean> =>
      first(await q.db.select({ id: associations.id }).from(associations).where(eq(associations.id, id))) !== undefined,
    /** A new, empty list; returns its id. */
    create: async (q: Tx, input: { associationId: number; name: string; notesEnabled: boolean; campaignId: number }, now: number): Promise<number> => {
      const [made] = await q.db.insert(callLists).values({ ...input, createdAt: now }).returning({ id: callLists.id });
      return made!.id;
    },
    /** What a list's owner may change about it: its name and whether callers may leave notes. */
    async updateSettings(q: Tx, id: number, change: { name?: string; notesEnabled?: boolean }): Promise<void> {
      if (change.name === undefined && change.notesEnabled === undefined) return;
      await q.db.update(callLists).set(change).where(eq(callLists.id, id));
    },
  };
}

export type ListsRepo = ReturnType<typeof createListsRepo>;

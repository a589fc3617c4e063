import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { CallListSummary } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { associations, callLists, campaigns, municipalities } from '../../db/schema.ts';

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

export function createListsRepo(db: Db) {
  const summaries = () =>
    db
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
    summaries: (): CallListSummary[] =>
      summaries().where(notDeleted).orderBy(asc(municipalities.name), asc(associations.name), asc(callLists.id)).all(),
    summary: (id: number): CallListSummary | undefined => summaries().where(and(eq(callLists.id, id), notDeleted)).get(),
    exists: (id: number) =>
      db.select({ id: callLists.id }).from(callLists).where(and(eq(callLists.id, id), notDeleted)).get() !== undefined,
    find: (id: number): ListRow | undefined =>
      db
        .select({
          id: callLists.id,
          name: callLists.name,
          associationId: callLists.associationId,
          associationName: associations.name,
          notesEnabled: callLists.notesEnabled,
          campaignArchived: sql<boolean>`${campaigns.status} = 'archived'`.mapWith(Boolean),
        })
        .from(callLists)
        .innerJoin(associations, eq(associations.id, callLists.associationId))
        .innerJoin(campaigns, eq(campaigns.id, callLists.campaignId))
        .where(and(eq(callLists.id, id), notDeleted))
        .get(),
    associationExists: (id: number) =>
      db.select({ id: associations.id }).from(associations).where(eq(associations.id, id)).get() !== undefined,
    /** A new, empty list; returns its id. */
    create: (input: { associationId: number; name: string; notesEnabled: boolean; campaignId: number }, now: number): number =>
      db.insert(callLists).values({ ...input, createdAt: now }).returning({ id: callLists.id }).get().id,
    /** What a list's owner may change about it: its name and whether callers may leave notes. */
    updateSettings(id: number, change: { name?: string; notesEnabled?: boolean }): void {
      if (change.name === undefined && change.notesEnabled === undefined) return;
      db.update(callLists).set(change).where(eq(callLists.id, id)).run();
    },
  };
}

export type ListsRepo = ReturnType<typeof createListsRepo>;

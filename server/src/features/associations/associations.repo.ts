import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StationHello } from '@ringstuga/shared';
import { associations, callLists, municipalities } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

export interface AssociationSummary {
  id: number;
  name: string;
  municipality: { code: string; name: string };
  lists: number;
}

export function createAssociationsRepo() {
  const byMunicipality = [asc(municipalities.name), asc(associations.name)];
  return {
    /** Every association by municipality and name, with how many lists it owns. */
    summaries: (q: Tx): Promise<AssociationSummary[]> =>
      q.db
        .select({
          id: associations.id,
          name: associations.name,
          municipality: { code: municipalities.code, name: municipalities.name },
          lists: sql<number>`(SELECT count(*) FROM ${callLists} WHERE ${and(eq(callLists.associationId, associations.id), isNull(callLists.deletedAt))})`.mapWith(Number),
        })
        .from(associations)
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .orderBy(...byMunicipality),
    /** What a station's check-in offers: every association with its municipality's name. */
    names: (q: Tx): Promise<StationHello['associations']> =>
      q.db
        .select({ id: associations.id, name: associations.name, municipality: municipalities.name })
        .from(associations)
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .orderBy(...byMunicipality),
    exists: async (q: Tx, id: number): Promise<boolean> =>
      first(await q.db.select({ id: associations.id }).from(associations).where(eq(associations.id, id))) !== undefined,
  };
}

export type AssociationsRepo = ReturnType<typeof createAssociationsRepo>;

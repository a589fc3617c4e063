import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StationHello } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { associations, callLists, municipalities } from '../../db/schema.ts';

export interface AssociationSummary {
  id: number;
  name: string;
  municipality: { code: string; name: string };
  lists: number;
}

export function createAssociationsRepo(db: Db) {
  const byMunicipality = [asc(municipalities.name), asc(associations.name)];
  return {
    /** Every association by municipality and name, with how many lists it owns. */
    summaries: (): AssociationSummary[] =>
      db
        .select({
          id: associations.id,
          name: associations.name,
          municipality: { code: municipalities.code, name: municipalities.name },
          lists: sql<number>`(SELECT count(*) FROM ${callLists} WHERE ${and(eq(callLists.associationId, associations.id), isNull(callLists.deletedAt))})`,
        })
        .from(associations)
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .orderBy(...byMunicipality)
        .all(),
    /** What a station's check-in offers: every association with its municipality's name. */
    names: (): StationHello['associations'] =>
      db
        .select({ id: associations.id, name: associations.name, municipality: municipalities.name })
        .from(associations)
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .orderBy(...byMunicipality)
        .all(),
    exists: (id: number) => db.select({ id: associations.id }).from(associations).where(eq(associations.id, id)).get() !== undefined,
  };
}

export type AssociationsRepo = ReturnType<typeof createAssociationsRepo>;

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StationHello, Why } from '@ringstuga/shared';
import { associations, callLists, municipalities } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

export interface AssociationSummary {
  id: number;
  name: string;
  municipality: { code: string; name: string };
  lists: number;
}

export interface NewAssociation {
  name: string;
  /** Its official four-digit code (0180: Stockholm), and its name. */
  municipality: { code: string; name: string };
}

/** A municipality code asked for under another name than the one it has. */
const municipalityNamed = (municipality: { code: string; name: string }): { conflict: string; why: Why } => ({
  conflict: `Municipality ${municipality.code} is ${municipality.name}`,
  why: { reason: 'municipality_named', params: { code: municipality.code, municipality: municipality.name } },
});

export function createAssociationsRepo() {
  const byMunicipality = [asc(municipalities.name), asc(associations.name)];
  /** Every association by municipality and name, with how many lists it owns. */
  const summaries = (q: Tx): Promise<AssociationSummary[]> =>
    q.db
      .select({
        id: associations.id,
        name: associations.name,
        municipality: { code: municipalities.code, name: municipalities.name },
        lists: sql<number>`(SELECT count(*) FROM ${callLists} WHERE ${and(eq(callLists.associationId, associations.id), isNull(callLists.deletedAt))})`.mapWith(Number),
      })
      .from(associations)
      .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
      .orderBy(...byMunicipality);
  return {
    summaries,
    /** What a station's check-in offers: every association with its municipality's name. */
    names: (q: Tx): Promise<StationHello['associations']> =>
      q.db
        .select({ id: associations.id, name: associations.name, municipality: municipalities.name })
        .from(associations)
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        .orderBy(...byMunicipality),
    exists: async (q: Tx, id: number): Promise<boolean> =>
      first(await q.db.select({ id: associations.id }).from(associations).where(eq(associations.id, id))) !== undefined,
    /**
     * Adds an association, and its municipality when the code is new, inside the caller's write.
     * The same association asked for again (a retried request) is answered as it stands; a name or
     * a municipality code already used otherwise is a conflict, named, and leaves nothing behind.
     */
    async create(q: Tx, input: NewAssociation): Promise<{ created: boolean; association: AssociationSummary } | { conflict: string; why: Why }> {
      const { code, name: municipalityName } = input.municipality;
      type Asked = { created: false; association: AssociationSummary } | { conflict: string; why: Why } | undefined;
      const asked = async (): Promise<Asked> => {
        const existing = (await summaries(q)).find((summary) => summary.name === input.name);
        if (!existing) return undefined;
        const { municipality } = existing;
        if (municipality.code !== code) {
          return {
            conflict: `An association named ${input.name} exists in another municipality: ${municipality.name} (${municipality.code})`,
            why: { reason: 'association_elsewhere', params: { name: input.name, municipality: municipality.name, code: municipality.code } },
          };
        }
        if (municipality.name !== municipalityName) return municipalityNamed(municipality);
        return { created: false, association: existing };
      };
      const before = await asked();
      if (before) return before;
      const [newMunicipality] = await q.db.insert(municipalities).values({ code, name: municipalityName }).onConflictDoNothing().returning({ code: municipalities.code });
      const municipality = first(await q.db.select().from(municipalities).where(eq(municipalities.code, code)))!;
      if (municipality.name !== municipalityName) return municipalityNamed(municipality);
      // Unique by name: of two requests at once, the second finds the first's association.
      const [made] = await q.db.insert(associations).values({ municipalityCode: code, name: input.name }).onConflictDoNothing().returning({ id: associations.id });
      if (made) return { created: true, association: { id: made.id, name: input.name, municipality, lists: 0 } };
      const raced = (await asked())!;
      if ('conflict' in raced && newMunicipality) await q.db.delete(municipalities).where(eq(municipalities.code, code));
      return raced;
    },
  };
}

export type AssociationsRepo = ReturnType<typeof createAssociationsRepo>;

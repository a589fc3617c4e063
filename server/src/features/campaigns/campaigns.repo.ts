import { and, desc, eq, ne } from 'drizzle-orm';
import type { Campaign, CreateCampaign, UpdateCampaign } from '@ringstuga/shared';
import { campaigns } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';

const columns = {
  id: campaigns.id,
  name: campaigns.name,
  startsOn: campaigns.startsOn,
  electionDay: campaigns.electionDay,
  endsOn: campaigns.endsOn,
  status: campaigns.status,
  copiedFrom: campaigns.copiedFrom,
  archivedAt: campaigns.archivedAt,
};

type CampaignRow = Omit<Campaign, 'archivedAt'> & { archivedAt: number | null };
const asCampaign = (row: CampaignRow): Campaign => ({ ...row, archivedAt: row.archivedAt === null ? null : new Date(row.archivedAt).toISOString() });

/** The campaigns table: queries only (the rules are in campaigns.service.ts). */
export function createCampaignsRepo() {
  const select = (q: Tx) => q.db.select(columns).from(campaigns);
  return {
    /** Every campaign, the latest start first. */
    all: async (q: Tx): Promise<Campaign[]> => (await select(q).orderBy(desc(campaigns.startsOn), desc(campaigns.id))).map(asCampaign),
    find: async (q: Tx, id: number): Promise<Campaign | undefined> => {
      const row = first(await select(q).where(eq(campaigns.id, id)));
      return row && asCampaign(row);
    },
    /** Whether another campaign (than `except`) has this name. */
    nameTaken: async (q: Tx, name: string, except?: number): Promise<boolean> =>
      first(
        await q.db
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(except === undefined ? eq(campaigns.name, name) : and(eq(campaigns.name, name), ne(campaigns.id, except)))
          .limit(1),
      ) !== undefined,
    /** What a new list, session or shift belongs to when none is named: the active campaign that started last. */
    latestActiveId: async (q: Tx): Promise<number | undefined> =>
      first(
        await q.db
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(eq(campaigns.status, 'active'))
          .orderBy(desc(campaigns.startsOn), desc(campaigns.id))
          .limit(1),
      )?.id,
    create: async (q: Tx, input: Omit<CreateCampaign, 'copyFrom'>, copiedFrom: number | null, now: number): Promise<number> => {
      const [made] = await q.db
        .insert(campaigns)
        .values({
          name: input.name,
          startsOn: input.startsOn,
          electionDay: input.electionDay ?? null,
          endsOn: input.endsOn ?? null,
          copiedFrom,
          createdAt: now,
        })
        .returning({ id: campaigns.id });
      return made!.id;
    },
    update: async (q: Tx, id: number, change: UpdateCampaign): Promise<void> => {
      if (Object.keys(change).length > 0) await q.db.update(campaigns).set(change).where(eq(campaigns.id, id));
    },
    markArchived: async (q: Tx, id: number, now: number): Promise<void> => {
      await q.db.update(campaigns).set({ status: 'archived', archivedAt: now }).where(eq(campaigns.id, id));
    },
  };
}

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;

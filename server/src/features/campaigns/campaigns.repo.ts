import { and, desc, eq, ne } from 'drizzle-orm';
import type { Campaign, CreateCampaign, UpdateCampaign } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { campaigns } from '../../db/schema.ts';

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
export function createCampaignsRepo(db: Db) {
  const select = () => db.select(columns).from(campaigns);
  return {
    /** Every campaign, the latest start first. */
    all: (): Campaign[] => select().orderBy(desc(campaigns.startsOn), desc(campaigns.id)).all().map(asCampaign),
    find: (id: number): Campaign | undefined => {
      const row = select().where(eq(campaigns.id, id)).get();
      return row && asCampaign(row);
    },
    /** Whether another campaign (than `except`) has this name. */
    nameTaken: (name: string, except?: number) =>
      db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(except === undefined ? eq(campaigns.name, name) : and(eq(campaigns.name, name), ne(campaigns.id, except)))
        .get() !== undefined,
    /** What a new list, session or shift belongs to when none is named: the active campaign that started last. */
    latestActiveId: (): number | undefined =>
      db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(eq(campaigns.status, 'active'))
        .orderBy(desc(campaigns.startsOn), desc(campaigns.id))
        .get()?.id,
    create: (input: Omit<CreateCampaign, 'copyFrom'>, copiedFrom: number | null, now: number): number =>
      db
        .insert(campaigns)
        .values({
          name: input.name,
          startsOn: input.startsOn,
          electionDay: input.electionDay ?? null,
          endsOn: input.endsOn ?? null,
          copiedFrom,
          createdAt: now,
        })
        .returning({ id: campaigns.id })
        .get().id,
    update: (id: number, change: UpdateCampaign): void => {
      if (Object.keys(change).length > 0) db.update(campaigns).set(change).where(eq(campaigns.id, id)).run();
    },
    markArchived: (id: number, now: number): void => {
      db.update(campaigns).set({ status: 'archived', archivedAt: now }).where(eq(campaigns.id, id)).run();
    },
  };
}

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;

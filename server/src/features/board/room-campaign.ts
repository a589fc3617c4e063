import { eq } from 'drizzle-orm';
import type { OkResult } from '@ringstuga/shared';
import { settings } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import { activeCampaigns } from '../figures/campaign-figures.ts';

const keyOf = (roomId: number) => `room_campaign:${roomId}`;

/**
 * Which campaign a room's board and big screen show, where several are active: chosen by the
 * room's leader, kept per room (a settings row, so a restart keeps it). null: every active
 * campaign together; a choice whose campaign was archived since reads as null.
 */
export function createRoomCampaign() {
  return {
    async of(q: Tx, roomId: number): Promise<{ campaigns: { id: number; name: string }[]; campaignId: number | null }> {
      const running = await activeCampaigns(q);
      const value = Number(first(await q.db.select({ value: settings.value }).from(settings).where(eq(settings.key, keyOf(roomId))))?.value);
      return { campaigns: running, campaignId: running.some((campaign) => campaign.id === value) ? value : null };
    },
    async choose(q: Tx, roomId: number, campaignId: number | null): Promise<OkResult> {
      if (campaignId === null) {
        await q.db.delete(settings).where(eq(settings.key, keyOf(roomId)));
        return { ok: true };
      }
      if (!(await activeCampaigns(q)).some((campaign) => campaign.id === campaignId)) return failure('not_found', 'No such active campaign');
      await q.db
        .insert(settings)
        .values({ key: keyOf(roomId), value: String(campaignId) })
        .onConflictDoUpdate({ target: settings.key, set: { value: String(campaignId) } });
      return { ok: true };
    },
  };
}

export type RoomCampaign = ReturnType<typeof createRoomCampaign>;

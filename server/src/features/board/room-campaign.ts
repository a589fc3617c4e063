import { eq, sql } from 'drizzle-orm';
import type { OkResult } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { settings } from '../../db/schema.ts';
import { failure } from '../../errors.ts';
import { activeCampaigns } from '../figures/campaign-figures.ts';

const keyOf = (roomId: number) => `room_campaign:${roomId}`;

/**
 * Which campaign a room's board and big screen show, where several are active: chosen by the
 * room's leader, kept per room (a settings row, so a restart keeps it). null: every active
 * campaign together; a choice whose campaign was archived since reads as null.
 */
export function createRoomCampaign(db: Db) {
  const active = activeCampaigns(db);
  const stored = db.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();
  return {
    of(roomId: number): { campaigns: { id: number; name: string }[]; campaignId: number | null } {
      const running = active.all();
      const value = Number(stored.get({ key: keyOf(roomId) })?.value);
      return { campaigns: running, campaignId: running.some((campaign) => campaign.id === value) ? value : null };
    },
    choose(roomId: number, campaignId: number | null): OkResult {
      if (campaignId === null) {
        db.delete(settings).where(eq(settings.key, keyOf(roomId))).run();
        return { ok: true };
      }
      if (!active.all().some((campaign) => campaign.id === campaignId)) return failure('not_found', 'No such active campaign');
      db.insert(settings)
        .values({ key: keyOf(roomId), value: String(campaignId) })
        .onConflictDoUpdate({ target: settings.key, set: { value: String(campaignId) } })
        .run();
      return { ok: true };
    },
  };
}

export type RoomCampaign = ReturnType<typeof createRoomCampaign>;

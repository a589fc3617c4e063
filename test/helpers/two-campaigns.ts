import { eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Outcome } from '@ringstuga/shared';
import { callLists, campaigns, shifts } from '../../server/src/db/schema.ts';
import { phoneNumber } from '../factories/campaign.ts';
import type { PageOrigin } from './page-origin.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from './campaign-server.ts';
import type { StationClient } from './station-client.ts';

/** The comparison tests' time zone: the server's default. */
export const ZONE = 'Europe/Stockholm';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/** Calls through a real station: each outcome twelve minutes after its contact was handed out. */
async function call(station: StationClient, clock: ReturnType<typeof manualClock>, outcomes: Outcome[]) {
  for (const outcome of outcomes) {
    const assignment = assignmentOf(await station.emitWithAck('contact:next'));
    clock.advance(12 * MINUTE);
    const result = await station.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome });
    if (!result.ok) throw new Error(`outcome refused: ${result.error.message}`);
  }
}

/**
 * Campaign 1 (lists A in Ale, B in Botkyrka; election day 2026-09-13) on 1 and 2 September, and
 * campaign 2 (list C, another association in Ale; election day 2026-09-20) on 4 and 6 September.
 * Campaign 3 has no election day and no activity. The second campaign's rows are inserted here:
 * its list and its volunteers' shifts are put into it by hand.
 */
export async function twoCampaigns(options: { origin?: PageOrigin; env?: Record<string, string> } = {}) {
  const clock = manualClock(at('2026-09-01T18:00'));
  const campaign = await startCampaign({
    ...options,
    lists: [
      { phones: range(1, 8), municipalityCode: '1440', municipalityName: 'Ale' },
      { phones: range(100, 4), municipalityCode: '0127', municipalityName: 'Botkyrka' },
      { phones: range(200, 8), municipalityCode: '1440', municipalityName: 'Ale' },
    ],
    stations: 2,
    now: clock.now,
  });
  const { store } = campaign.app;
  const [a, b, c] = campaign.lists as [CampaignServer['lists'][number], CampaignServer['lists'][number], CampaignServer['lists'][number]];
  await store.write(async (q) => {
    await q.db.update(campaigns).set({ name: 'Valet 2026', startsOn: '2026-09-01', electionDay: '2026-09-13' }).where(eq(campaigns.id, 1));
    await q.db.insert(campaigns).values([
      { id: 2, name: 'Extraval', startsOn: '2026-09-03', electionDay: '2026-09-20', createdAt: 0 },
      { id: 3, name: 'Medlemssamtal', startsOn: '2026-01-01', createdAt: 0 },
    ]);
    // Ids given by hand do not move PostgreSQL's sequence: move it past them.
    if (q.dialect === 'postgres') await q.run(sql`SELECT setval(pg_get_serial_sequence('campaigns', 'id'), (SELECT MAX(id) FROM campaigns))`);
    await q.db.update(callLists).set({ campaignId: 2 }).where(eq(callLists.id, c.listId));
  });

  // 1 September: Åsa (A) calls three.
  const one = await campaign.join(0, { checkin: { name: 'Åsa', associationId: a.associationId } });
  await call(one, clock, ['conversation', 'no_answer', 'declined']);
  await one.emitWithAck('station:checkout');
  // 2 September: "åsa" again (the same volunteer) calls two, Cilla (B) calls two.
  clock.advance(at('2026-09-02T18:00') - clock.now());
  await one.emitWithAck('station:checkin', { name: 'åsa ', associationId: a.associationId });
  const two = await campaign.join(1, { checkin: { name: 'Cilla', associationId: b.associationId } });
  await call(one, clock, ['busy', 'conversation']);
  await call(two, clock, ['wrong_number', 'conversation']);
  await one.emitWithAck('station:checkout');
  await two.emitWithAck('station:checkout');
  // 4 and 6 September: Bo (C) calls for campaign 2.
  clock.advance(at('2026-09-04T17:00') - clock.now());
  await two.emitWithAck('station:checkin', { name: 'Bo', associationId: c.associationId });
  await call(two, clock, ['conversation', 'no_answer', 'conversation', 'voicemail']);
  await two.emitWithAck('station:checkout');
  clock.advance(at('2026-09-06T17:00') - clock.now());
  await two.emitWithAck('station:checkin', { name: 'Bo', associationId: c.associationId });
  await call(two, clock, ['declined']);
  await two.emitWithAck('station:checkout');
  // Each volunteer called for one association, so its shifts are that campaign's, whatever campaign
  // check-in gave them (without a fixed list, the room's current one: the last started).
  await store.write(async (q) => {
    await q.db.update(shifts).set({ campaignId: 1 }).where(inArray(shifts.associationId, [a.associationId, b.associationId]));
    await q.db.update(shifts).set({ campaignId: 2 }).where(eq(shifts.associationId, c.associationId));
  });
  return { campaign, a, b, c };
}


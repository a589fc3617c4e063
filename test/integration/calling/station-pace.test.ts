import { afterEach, describe, expect, it } from 'vitest';
import type { ContactNextResult, RoomState } from '@ringstuga/shared';
import { loadConfig } from '../../../server/src/config.ts';
import { HAND_OUT_BURST } from '../../../server/src/features/calling/hand-out-limit.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, roomStateWhere } from '../../helpers/board-client.ts';
import type { StationClient } from '../../helpers/station-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const phones = (count: number) => Array.from({ length: count }, (_, i) => phoneNumber(i + 1));

/** What a harvesting script does with a leaked link: take a contact, skip it, take the next. */
async function harvest(station: StationClient, rounds: number): Promise<{ numbers: Set<string>; refusals: ContactNextResult[] }> {
  const numbers = new Set<string>();
  const refusals: ContactNextResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const answer = await station.emitWithAck('contact:next');
    if (answer.ok && answer.assignment) {
      numbers.add(answer.assignment.contact.phone);
      await station.emitWithAck('contact:skip', { assignmentId: answer.assignment.id });
    } else {
      refusals.push(answer);
    }
  }
  return { numbers, refusals };
}

describe('contacts handed to one station are limited by STATION_CONTACTS_PER_MINUTE', () => {
  it('defaults to 12 a minute, takes 0 as no limit, and refuses anything else that is not a whole number', () => {
    expect(loadConfig({}).stationContactsPerMinute).toBe(12);
    expect(loadConfig({ STATION_CONTACTS_PER_MINUTE: '0' }).stationContactsPerMinute).toBe(0);
    expect(() => loadConfig({ STATION_CONTACTS_PER_MINUTE: '-1' })).toThrow(/STATION_CONTACTS_PER_MINUTE/);
    expect(() => loadConfig({ STATION_CONTACTS_PER_MINUTE: 'fast' })).toThrow(/STATION_CONTACTS_PER_MINUTE/);
  });

  it('stops a next-and-skip loop after the burst, says when to ask again, and lets 12 more through per minute', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: phones(60) }], stations: 1, now: clock.now, env: { STATION_CONTACTS_PER_MINUTE: '12' } });
    const station = await campaign.join(0, { checkin: { name: 'Skript', associationId: null } });

    const first = await harvest(station, 20);
    expect(first.numbers.size).toBe(HAND_OUT_BURST);
    expect(first.refusals).toHaveLength(20 - HAND_OUT_BURST);
    // One contact every 5 s at 12 a minute: the station may ask again then, not before.
    expect(first.refusals[0]).toEqual({ ok: true, assignment: null, reason: 'rate_limited', nextAvailableAt: new Date(clock.now() + 5_000).toISOString() });

    // A whole minute of looping at machine speed (a round every 100 ms) yields 12 more, not thousands.
    const later = new Set<string>();
    for (let tick = 0; tick < 600; tick += 1) {
      clock.advance(100);
      const { numbers } = await harvest(station, 1);
      numbers.forEach((number) => later.add(number));
    }
    expect(later.size).toBe(12);
  });

  it('resumes the contact a station holds even past its pace: a reload is not a new hand-out', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: phones(10) }], stations: 1, now: clock.now, env: { STATION_CONTACTS_PER_MINUTE: '12' } });
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: null } });
    await harvest(station, HAND_OUT_BURST - 1);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    for (let reload = 0; reload < 10; reload += 1) expect(assignmentOf(await station.emitWithAck('contact:next')).id).toBe(held.id);
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'no_answer' })).resolves.toEqual({ ok: true });
    expect(await station.emitWithAck('contact:next')).toMatchObject({ ok: true, assignment: null, reason: 'rate_limited' });
  });

  it('is per station: one station at its limit does not slow another, and checking in again does not refill it', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: phones(30) }], stations: 2, now: clock.now, env: { STATION_CONTACTS_PER_MINUTE: '12' } });
    const greedy = await campaign.join(0, { checkin: { name: 'Skript', associationId: null } });
    await harvest(greedy, HAND_OUT_BURST + 1);
    await greedy.emitWithAck('station:checkout');
    await greedy.emitWithAck('station:checkin', { name: 'Skript igen', associationId: null });
    expect(await greedy.emitWithAck('contact:next')).toMatchObject({ reason: 'rate_limited' });
    const other = await campaign.join(1, { checkin: { name: 'Bo', associationId: null } });
    assignmentOf(await other.emitWithAck('contact:next'));
  });

  it('shows the leader a station that was slowed down, and a volunteer who skipped three or more in a row', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: phones(20) }], stations: 2, now: clock.now, env: { STATION_CONTACTS_PER_MINUTE: '12' } });
    const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
    const skipper = await campaign.join(0, { checkin: { name: 'Ada', associationId: null } });
    const calm = await campaign.join(1, { checkin: { name: 'Bo', associationId: null } });
    await harvest(skipper, 3);
    const offered = assignmentOf(await calm.emitWithAck('contact:next'));
    await calm.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });

    const tile = (number: number) => (state: RoomState) => state.stations.find((station) => station.number === number);
    const skipping = await roomStateWhere(leader, (state) => tile(1)(state)?.skipsInARow === 3);
    expect(tile(1)(skipping)).toMatchObject({ rateLimited: false, skipsInARow: 3 });
    expect(tile(2)(skipping)).toMatchObject({ rateLimited: false, skipsInARow: 0 });

    await harvest(skipper, 5);
    const slowed = await roomStateWhere(leader, (state) => tile(1)(state)?.rateLimited === true);
    expect(tile(1)(slowed)).toMatchObject({ rateLimited: true, skipsInARow: HAND_OUT_BURST });
    // An outcome ends the run of skips.
    clock.advance(MINUTE);
    const next = assignmentOf(await skipper.emitWithAck('contact:next'));
    await skipper.emitWithAck('call:outcome', { assignmentId: next.id, outcome: 'busy' });
    await roomStateWhere(leader, (state) => tile(1)(state)?.skipsInARow === 0);
    leader.close();
  });

  it('does not limit at 0 (the benchmark and a fast simulator)', async () => {
    campaign = await startCampaign({ lists: [{ phones: phones(40) }], stations: 1, env: { STATION_CONTACTS_PER_MINUTE: '0' } });
    const station = await campaign.join(0, { checkin: { name: 'Bänk', associationId: null } });
    const { numbers, refusals } = await harvest(station, 40);
    expect(refusals).toEqual([]);
    expect(numbers.size).toBe(40);
  });
});

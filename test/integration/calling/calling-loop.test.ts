import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe('the calling loop over socket.io', () => {
  it('hands out a contact card, records an outcome, pushes the leaderboard and hands out the next', async () => {
    campaign = await startCampaign({
      lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm' }],
      stations: 1,
    });
    const station = await campaign.join(0);

    const first = assignmentOf(await station.emitWithAck('contact:next'));
    expect(first.contact).toMatchObject({
      phone: phoneNumber(1),
      phoneDisplay: '070-100 00 01',
      municipality: { code: '0180', name: 'Stockholm' },
      attempts: 0,
      history: [],
    });
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());

    const leaderboardMoved = waitForEvent(station, 'leaderboard:update', {
      accept: (board) => board.municipalities.some((m) => m.attempts === 1),
    });
    await expect(
      station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation', note: 'Glad' }),
    ).resolves.toEqual({ ok: true });
    const board = await leaderboardMoved;
    expect(board.municipalities).toEqual([
      { code: '0180', name: 'Stockholm', contacts: 2, personsCalled: 1, attempts: 1, answered: 1, conversations: 1 },
    ]);

    const second = assignmentOf(await station.emitWithAck('contact:next'));
    expect(second.contact.phone).toBe(phoneNumber(2));
  });

  it('shows earlier attempts and their notes on the contact card', async () => {
    const clock = { time: Date.UTC(2026, 8, 1, 10) };
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: () => clock.time });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'busy', note: 'Upptaget två gånger' });

    clock.time += 3 * 60 * 60 * 1000; // past the two-hour cool-down
    const again = assignmentOf(await station.emitWithAck('contact:next'));
    expect(again.contact.id).toBe(first.contact.id);
    expect(again.contact.attempts).toBe(1);
    expect(again.contact.history).toEqual([
      { at: new Date(Date.UTC(2026, 8, 1, 10)).toISOString(), outcome: 'busy', note: 'Upptaget två gånger', callbackAt: null },
    ]);
  });
});

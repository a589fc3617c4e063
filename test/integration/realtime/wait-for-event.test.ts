import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

// The tests' one way of waiting for a push: if it swallowed a missing event, every test built on
// it would pass without the push it claims to see.

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe('waitForEvent, the tests’ wait for a push', () => {
  it('fails naming the event when it does not come in time, and leaves no listener behind', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0);
    const before = station.listeners('call:recorded').length;
    await expect(waitForEvent(station, 'call:recorded', { timeout: 300 })).rejects.toThrow("no 'call:recorded' within 300 ms");
    expect(station.listeners('call:recorded')).toHaveLength(before);
  });

  it('lets by the pushes it does not accept and resolves with the first one it does', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0, { checkin: false });
    const neverBo = waitForEvent(station, 'station:shift', { accept: (shift) => shift?.name === 'Bo', timeout: 2_000 });
    const ada = waitForEvent(station, 'station:shift', { accept: (shift) => shift?.name === 'Ada' });
    await station.emitWithAck('station:checkin', { name: 'Ada', associationId: null });
    expect(await ada).toMatchObject({ name: 'Ada' });
    await expect(neverBo).rejects.toThrow("no 'station:shift' within 2000 ms");
  });

  it("waits for socket.io's own events too: the server dropping the socket", async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0);
    const dropped = waitForEvent(station, 'disconnect');
    campaign.app.realtime.channels.stations.disconnectAll();
    expect(await dropped).toBe('io server disconnect');
  });
});

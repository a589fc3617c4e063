import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

describe("a station's join link", () => {
  it('can be replaced: the old link stops working at once, open connections close, the new one joins', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 2 });
    const old = campaign.stations[0]!.token;
    const station = await campaign.join(0);
    assignmentOf(await station.emitWithAck('contact:next'));
    const kicked = waitForEvent(station, 'disconnect');

    const response = await fetch(`${campaign.url}/api/stations/1/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const link = (await response.json()) as { number: number; token: string; url: string };
    expect(link).toMatchObject({ number: 1, url: `${campaign.url}/station#token=${link.token}` });
    expect(link.token).not.toBe(old);
    // A server disconnect, which the station page treats as final (no reconnecting with the old link).
    expect(await kicked).toBe('io server disconnect');

    await expect(connectStation(campaign.url, old)).rejects.toThrow('invalid station token');
    const renewed = await connectStation(campaign.url, link.token);
    // The same station: it resumes the contact it held and keeps its open shift.
    expect(assignmentOf(await renewed.emitWithAck('contact:next')).contact.phone).toBe(phoneNumber(1));
    renewed.close();
    // The other station's link is untouched, and the list of links shows the new one.
    (await connectStation(campaign.url, campaign.stations[1]!.token)).close();
    const listed = (await (await fetch(`${campaign.url}/api/stations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      stations: { number: number; token: string }[];
    };
    expect(listed.stations.find((s) => s.number === 1)?.token).toBe(link.token);
    expect((await fetch(`${campaign.url}/api/stations/99/token`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
  });
});

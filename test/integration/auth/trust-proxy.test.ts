import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { joinFrom } from '../../helpers/station-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const start = (trustProxy: string) =>
  startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, env: { TRUST_PROXY: trustProxy, AUTH_FAILURES_PER_MINUTE: '3' } });

const statsWith = (token: string, forwardedFor: string) =>
  fetch(`${campaign!.url}/api/stats`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor } });

// The client writes X-Forwarded-For's leftmost entries; the proxy appends the address it saw.
const dodging = (attempt: number) => `198.51.100.${attempt}, 5.6.7.8`;

describe('TRUST_PROXY with one proxy in front', () => {
  it('counts failed logins against the address the proxy appended, so a fresh leftmost entry does not dodge the limit', async () => {
    campaign = await start('1');
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await statsWith('wrong-token-0123456789', dodging(attempt))).status).toBe(401);
    expect((await statsWith(ADMIN_TOKEN, dodging(4))).status).toBe(429);
    // Another client behind the same proxy is not held up.
    expect((await statsWith(ADMIN_TOKEN, '9.9.9.9')).status).toBe(200);
  });

  it('counts failed station joins the same way', async () => {
    campaign = await start('true');
    for (let attempt = 1; attempt <= 3; attempt += 1) expect(await joinFrom(campaign.url, 'wrong-token', dodging(attempt))).toBe('invalid station token');
    expect(await joinFrom(campaign.url, campaign.stations[0]!.token, dodging(4))).toBe('too many failed joins, try again later');
    expect(await joinFrom(campaign.url, campaign.stations[0]!.token, '9.9.9.9')).toBe('joined');
  });
});

describe("TRUST_PROXY as the proxy's address", () => {
  it('believes X-Forwarded-For only from that address: from any other peer every entry is ignored', async () => {
    campaign = await start('10.0.0.2');
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await statsWith('wrong-token-0123456789', `198.51.100.${attempt}`)).status).toBe(401);
    // All three came from 127.0.0.1, whatever they wrote.
    expect((await statsWith(ADMIN_TOKEN, '9.9.9.9')).status).toBe(429);
  });

  it('reads the appended entry when the peer is the proxy', async () => {
    campaign = await start('127.0.0.1');
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await statsWith('wrong-token-0123456789', dodging(attempt))).status).toBe(401);
    expect((await statsWith(ADMIN_TOKEN, dodging(4))).status).toBe(429);
    expect((await statsWith(ADMIN_TOKEN, '9.9.9.9')).status).toBe(200);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../server/src/plugins/security.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { refusalAtJoin } from '../../helpers/socket-connect.ts';
import { joinFrom, stationSocket } from '../../helpers/station-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

// These tests stand in for many clients behind a proxy, so the server trusts X-Forwarded-For.
const start = (env: Record<string, string> = {}) =>
  startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 2, env: { TRUST_PROXY: 'true', ...env } });

function adminGet(path: string, token: string, address: string): Promise<Response> {
  return fetch(`${campaign!.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });
}

const policyText = (omit: string[] = []) =>
  Object.entries(CONTENT_SECURITY_POLICY)
    .filter(([name]) => !omit.includes(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
/** A policy as its directives, whatever the separator spacing. */
const directives = (policy: string | null | undefined) => (policy ?? '').split(';').map((part) => part.trim()).filter(Boolean);

describe('security headers', () => {
  it('sends a strict content-security policy, nosniff, frame denial and no referrer on the pages and the API', async () => {
    campaign = await start();
    for (const path of ['/', '/station', '/api/health', '/api/nope']) {
      const response = await fetch(`${campaign.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(directives(csp), path).toEqual(directives(policyText()));
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      // A room on plain HTTP must not be told to insist on HTTPS.
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('sends HSTS only when the public address is https', async () => {
    campaign = await start({ PUBLIC_URL: 'https://ring.example.org' });
    const response = await fetch(`${campaign.url}/api/health`);
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('sends Cross-Origin-Opener-Policy only where browsers honour it: HTTPS or localhost, not a room on plain HTTP', async () => {
    campaign = await start();
    const coop = async (headers: Record<string, string>) =>
      (await campaign!.app.inject({ url: '/station', headers })).headers['cross-origin-opener-policy'];
    expect(await coop({ host: '127.0.0.1:3000' })).toBe('same-origin');
    expect(await coop({ host: 'localhost:3000' })).toBe('same-origin');
    expect(await coop({ host: 'ring.example.org', 'x-forwarded-proto': 'https' })).toBe('same-origin');
    // Over plain HTTP Chromium ignores the header and logs an error on every page load.
    expect(await coop({ host: '192.168.1.20:3000' })).toBeUndefined();
    expect(await coop({ host: 'ringstuga.test:3000' })).toBeUndefined();
  });

  it('ships the same policy in the client page, minus frame-ancestors, which a meta tag cannot carry', async () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/;
    const source = readFileSync(new URL('../../../client/index.html', import.meta.url), 'utf8');
    expect(directives(meta.exec(source)?.[1])).toEqual(directives(policyText(['frame-ancestors'])));
    campaign = await start();
    const served = await (await fetch(`${campaign.url}/station`)).text();
    expect(directives(meta.exec(served)?.[1])).toEqual(directives(policyText(['frame-ancestors'])));
    // Vite emits script and style as files: an inline one would be refused by this policy.
    expect(served).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=/);
  });
});

describe('failed admin logins', () => {
  it('answer 429 with Retry-After after 20 from one address, even for the right token, while another address is served', async () => {
    campaign = await start();
    for (let i = 0; i < 20; i += 1) expect((await adminGet('/api/stats', `guess-${i}`, '203.0.113.7')).status).toBe(401);

    const refused = await adminGet('/api/stats', ADMIN_TOKEN, '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(await refused.json()).toMatchObject({
      error: { code: 'too_many_requests', message: expect.stringContaining('try again'), reason: 'too_many_failed_logins', params: { seconds } },
    });
    // Unauthenticated pages stay open to that address; other addresses are not affected at all.
    expect((await fetch(`${campaign.url}/api/health`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200);
    expect((await adminGet('/api/stats', ADMIN_TOKEN, '203.0.113.8')).status).toBe(200);
  });

  it('cannot be dodged with a forged X-Forwarded-For when no proxy is trusted (the default)', async () => {
    campaign = await start({ TRUST_PROXY: 'false', AUTH_FAILURES_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i += 1) expect((await adminGet('/api/stats', `guess-${i}`, `198.51.100.${i}`)).status).toBe(401);
    expect((await adminGet('/api/stats', ADMIN_TOKEN, '198.51.100.200')).status).toBe(429);
    const forgedJoins = [];
    for (const i of [1, 2, 3]) forgedJoins.push(await joinFrom(campaign.url, 'wrong-token', `198.51.100.${i}`));
    expect(forgedJoins).toEqual(['invalid station token', 'invalid station token', 'invalid station token']);
    expect(await joinFrom(campaign.url, campaign.stations[0]!.token, '198.51.100.99')).toBe('too many failed joins, try again later');
  });

  it('count only failures: successful requests never use up the limit', async () => {
    campaign = await start({ AUTH_FAILURES_PER_MINUTE: '3' });
    for (let i = 0; i < 10; i += 1) expect((await adminGet('/api/stations', ADMIN_TOKEN, '203.0.113.9')).status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await adminGet('/api/stations', 'wrong', '203.0.113.9')).status).toBe(401);
    expect((await adminGet('/api/leaderboard', ADMIN_TOKEN, '203.0.113.9')).status).toBe(200);
    expect((await adminGet('/api/leaderboard', 'wrong', '203.0.113.9')).status).toBe(401);
    expect((await adminGet('/api/leaderboard', ADMIN_TOKEN, '203.0.113.9')).status).toBe(429);
  });
});

describe('failed station joins', () => {
  it('refuse every join from an address after N failures, while a valid station from another address still joins', async () => {
    campaign = await start({ AUTH_FAILURES_PER_MINUTE: '3' });
    const valid = campaign.stations[0]!.token;
    for (let i = 0; i < 3; i += 1) expect(await joinFrom(campaign.url, `guess-${i}`, '198.51.100.1')).toBe('invalid station token');

    expect(await joinFrom(campaign.url, valid, '198.51.100.1')).toBe('too many failed joins, try again later');
    expect(await refusalAtJoin(stationSocket(campaign.url, valid, { 'x-forwarded-for': '198.51.100.1' }))).toMatchObject({ data: { reason: 'too_many_failed_joins' } });
    expect(await joinFrom(campaign.url, 'guess-x', '198.51.100.1')).toBe('too many failed joins, try again later');
    expect(await joinFrom(campaign.url, valid, '198.51.100.2')).toBe('joined');
    expect(await joinFrom(campaign.url, campaign.stations[1]!.token, '198.51.100.2')).toBe('joined');
  });

  it('do not count successful joins', async () => {
    campaign = await start({ AUTH_FAILURES_PER_MINUTE: '2' });
    const valid = campaign.stations[0]!.token;
    for (let i = 0; i < 5; i += 1) expect(await joinFrom(campaign.url, valid, '198.51.100.3')).toBe('joined');
    expect(await joinFrom(campaign.url, 'guess', '198.51.100.3')).toBe('invalid station token');
    expect(await joinFrom(campaign.url, valid, '198.51.100.3')).toBe('joined');
    expect(await joinFrom(campaign.url, 'guess', '198.51.100.3')).toBe('invalid station token');
    expect(await joinFrom(campaign.url, valid, '198.51.100.3')).toBe('too many failed joins, try again later');
  });
});

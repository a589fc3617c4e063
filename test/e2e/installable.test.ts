import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { describeWithBrowser, launchBrowser } from './browser.ts';

describeWithBrowser('the installable web app, in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('has a manifest with icons, registers its service worker, and opens the station page without a connection', async () => {
    const manifest = (await (await fetch(`${campaign.url}/manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: 'Ringstuga', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await fetch(`${campaign.url}${icon.src}`)).headers.get('content-type')).toBe('image/png');

    const context = await browser.newContext();
    const page = await context.newPage();
    const stationUrl = `${campaign.url}/station#token=${campaign.stations[0]!.token}`;
    await page.goto(stationUrl);
    await page.getByTestId('checkin-form').waitFor();
    // The worker takes over once it is active; wait until it controls the page (one reload).
    await expect.poll(() => page.evaluate('navigator.serviceWorker.ready.then(() => true)'), { timeout: 10_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 10_000 }).toBe(true);

    await context.setOffline(true);
    await page.reload();
    // The page itself opens from the cache; it says it cannot reach the server (nothing else was cached).
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.locator('.connection').innerText(), { timeout: 10_000 }).not.toBe('Ansluten');
    const api = await page.evaluate(`fetch('/api/health').then(() => 'answered', () => 'failed')`);
    expect(api).toBe('failed');
    await context.close();
  });
});

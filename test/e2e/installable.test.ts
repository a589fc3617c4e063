import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { LOOPBACK, PLAIN_HTTP, type PageOrigin } from '../helpers/page-origin.ts';
import { connectionStatus, describeWithBrowser, expectOrigin, pageErrors, sharedBrowser } from './browser.ts';

describeWithBrowser('the installable web app, in Chromium', () => {
  const browser = sharedBrowser();

  /** A campaign with one station, served so pages open at `origin`. */
  function campaignAt(origin: PageOrigin): () => CampaignServer {
    let campaign: CampaignServer | undefined;
    beforeAll(async () => {
      campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, origin });
    });
    afterAll(async () => {
      await campaign?.close();
    });
    return () => campaign!;
  }

  describe(LOOPBACK.label, () => {
    const campaign = campaignAt(LOOPBACK);

    it('has a manifest with icons, registers its service worker, and opens the station page without a connection', async () => {
      const { url, pageUrl, stations } = campaign();
      const manifest = (await (await fetch(`${url}/manifest.webmanifest`)).json()) as {
        name: string;
        start_url: string;
        display: string;
        icons: { src: string; sizes: string }[];
      };
      expect(manifest).toMatchObject({ name: 'Ringstuga', start_url: '/', display: 'standalone' });
      expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const icon of manifest.icons) expect((await fetch(`${url}${icon.src}`)).headers.get('content-type')).toBe('image/png');

      const context = await browser().newContext();
      const page = await context.newPage();
      await page.goto(`${pageUrl}/station#token=${stations[0]!.token}`);
      await expectOrigin(page, LOOPBACK);
      await page.getByTestId('checkin-form').waitFor();
      // The worker takes over once it is active; wait until it controls the page (one reload).
      await expect.poll(() => page.evaluate('navigator.serviceWorker.ready.then(() => true)'), { timeout: 10_000 }).toBe(true);
      await page.reload();
      await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 10_000 }).toBe(true);

      await context.setOffline(true);
      await page.reload();
      // The page itself opens from the cache; it says it cannot reach the server (nothing else was cached).
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => connectionStatus(page), { timeout: 10_000 }).toMatch(/^(reconnecting|unreachable)$/);
      const api = await page.evaluate(`fetch('/api/health').then(() => 'answered', () => 'failed')`);
      expect(api).toBe('failed');
      await context.close();
    });
  });

  describe(PLAIN_HTTP.label, () => {
    const campaign = campaignAt(PLAIN_HTTP);

    it('registers no service worker and fails at nothing: the page works online, and needs the connection to open', async () => {
      const { pageUrl, stations } = campaign();
      const context = await browser().newContext();
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(`${pageUrl}/station#token=${stations[0]!.token}`);
      await expectOrigin(page, PLAIN_HTTP);
      await page.getByTestId('checkin-form').waitFor();
      await expect.poll(() => connectionStatus(page), { timeout: 10_000 }).toBe('connected');
      // Browsers give service workers only to secure contexts; the page must not try one anyway.
      expect(await page.evaluate(`'serviceWorker' in navigator`)).toBe(false);
      await page.waitForLoadState('load');
      expect(errors).toEqual([]);

      // Nothing is cached, so without a connection the page cannot open (what the README says).
      await context.setOffline(true);
      await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
      await context.close();
    });
  });
});

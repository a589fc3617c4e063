import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

describeWithBrowser('an erased person at the station in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    campaign.app.db.$client.prepare('UPDATE contacts SET name = ? WHERE phone = ?').run('Raderad Person', phoneNumber(1));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('leaves the screen at once, with a neutral notice, and the next contact comes', async () => {
    const page = await browser.newPage();
    await page.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(page, 'Ada');
    await page.getByText('Raderad Person').first().waitFor();

    const erased = await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(phoneNumber(1))}`, ADMIN_TOKEN);
    expect(erased.status).toBe(200);
    await page.getByText('Kontakten togs bort ur systemet och visas inte längre.').waitFor({ timeout: 5_000 });
    await page.locator('a.contact-phone').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Raderad Person');
    await page.close();
  });
});

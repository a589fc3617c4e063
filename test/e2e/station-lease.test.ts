import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

describeWithBrowser('a lapsed lease at the station in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1, env: { LEASE_SECONDS: '2' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('asks whether the volunteer is still there instead of drawing the next contact by itself', async () => {
    const page = await browser.newPage();
    await page.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(page, 'Ada');
    await page.locator('a.contact-phone').waitFor();

    await page.getByRole('heading', { name: 'Är du kvar?' }).waitFor({ timeout: 5_000 });
    const leases = () => campaign.app.db.$client.prepare('SELECT count(*) FROM assignments').pluck().get();
    expect(leases()).toBe(1);
    // Nothing more is drawn while nobody answers.
    await page.waitForTimeout(1_500);
    expect(leases()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Nästa kontakt' }).evaluate((button) => button.matches(':focus'))).toBe(true);

    await page.keyboard.press('Enter');
    await page.locator('a.contact-phone').waitFor();
    expect(leases()).toBe(2);
    await page.close();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

describeWithBrowser('a station calling a list with notes switched off, in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    // The list's owner switched notes off; set through the repo, so this test needs no list settings route.
    await campaign.app.store.write((q) => campaign.app.lists.updateSettings(q, campaign.lists[0]!.listId, { notesEnabled: false }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('shows a line saying notes are off instead of the note field, and records the outcome without a note', async () => {
    const page = await browser.newPage();
    await page.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(page, 'Ada');
    await page.locator('a.contact-phone').filter({ hasText: '070-100 00 01' }).waitFor();

    await page.getByText('Anteckningar är avstängda för den här listan.').waitFor();
    expect(await page.getByLabel('Anteckning (frivillig)').count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);

    await page.keyboard.press('1');
    await page.locator('a.contact-phone').filter({ hasText: '070-100 00 02' }).waitFor();
    const calls = campaign.app.db.$client.prepare('SELECT outcome, note FROM calls').all();
    expect(calls).toEqual([{ outcome: 'conversation', note: null }]);
    await page.close();
  });
});

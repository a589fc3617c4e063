import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

describeWithBrowser('the station page: call-back, skip and the empty list', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('books a call-back with a quick choice, skips with the keyboard, and says why the list offers nothing', async () => {
    // A volunteer calling from abroad: the page still books on the campaign's (Stockholm's) clock.
    const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(page, 'Ada');
    const phone = page.locator('a.contact-phone');
    await phone.filter({ hasText: '070-100 00 01' }).waitFor();

    await page.keyboard.press('2'); // call_back opens the picker
    await page.getByRole('button', { name: 'Avbryt' }).click();
    // Closing the picker gives focus back to the button that opened it, not to the page.
    expect(await page.locator(':focus').getAttribute('aria-keyshortcuts')).toBe('2');
    await page.keyboard.press('2');
    await page.getByRole('button', { name: 'I morgon kväll' }).click();
    await page.getByRole('button', { name: 'Spara återuppringning' }).click();
    await phone.filter({ hasText: '070-100 00 02' }).waitFor();

    const calls = campaign.app.db.$client.prepare('SELECT outcome, callback_at FROM calls').all() as { outcome: string; callback_at: number }[];
    expect(calls).toHaveLength(1);
    expect(calls[0]!.outcome).toBe('call_back');
    const booked = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(calls[0]!.callback_at);
    expect(booked).toBe('18:00');
    expect(calls[0]!.callback_at - Date.now()).toBeLessThan(2 * 24 * 60 * 60 * 1000);

    await page.getByRole('button', { name: 'Hoppa över' }).focus();
    await page.keyboard.press('Enter');
    // The only other contact waits for its call-back time; the skipped one comes back at once.
    await phone.filter({ hasText: '070-100 00 02' }).waitFor();
    expect((await campaign.app.store.read((q) => campaign.app.leaderboard.totals(q))).attempts).toBe(1);

    await page.waitForTimeout(700); // a volunteer's pause: input is ignored for 600 ms after a save
    await page.keyboard.press('3'); // declined
    await page.getByText('Nästa kontakt kan ringas tidigast').waitFor();
    await expect.poll(() => page.getByText('vilar en stund').count()).toBe(1);
    await context.close();
  });
});

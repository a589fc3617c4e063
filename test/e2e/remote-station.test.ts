import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { createLink } from '../helpers/admin-setup.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } as const;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

describeWithBrowser('a remote station on a phone, in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 4), municipalityCode: '0180', municipalityName: 'Stockholm' }], stations: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await campaign?.close();
  });

  it('a leader makes it on the room board, and a volunteer checks in, calls, records and sees the leaderboard on a phone-sized screen', async () => {
    const leaderContext = await browser.newContext();
    contexts.push(leaderContext);
    const board = await leaderContext.newPage();
    await board.goto((await createLink(campaign.url, 'leader', { roomId: 1 })).url);
    const panel = board.getByTestId('remote-stations');
    await panel.getByLabel('Namn på stationen').fill('Hemma hos Ada');
    await panel.getByRole('button', { name: 'Skapa fjärrstation' }).click();
    const link = await panel.getByLabel('Länk till Hemma hos Ada').inputValue();
    expect(new URL(link).pathname).toBe('/station');
    await panel.getByRole('img', { name: 'QR-kod med länken till Hemma hos Ada' }).waitFor();
    await board.getByTestId('tile-2').getByText('(fjärr)').waitFor();

    const phoneContext = await browser.newContext(PHONE);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    await checkIn(phone, 'Ada');
    const number = phone.locator('a.contact-phone');
    await number.waitFor();
    expect(await number.getAttribute('href')).toBe(`tel:${phoneNumber(1)}`);
    const fits = () => phone.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth + 1);
    expect(await fits()).toBe(true);

    await phone.getByRole('button', { name: 'Samtal', exact: true }).tap();
    await expect.poll(() => number.getAttribute('href'), { timeout: 5_000 }).toBe(`tel:${phoneNumber(2)}`);
    const stockholm = phone.locator('.leaderboard tbody tr', { hasText: 'Stockholm' });
    await stockholm.scrollIntoViewIfNeeded();
    await expect.poll(() => stockholm.locator('td').first().innerText(), { timeout: 5_000 }).toBe('1');
    expect(await fits()).toBe(true);
    // The board counts the remote station's call like any other.
    await expect.poll(() => board.getByTestId('tile-2').getAttribute('data-status'), { timeout: 5_000 }).toBe('on_call');
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { checkIn, connectionStatus, describeOnEveryOrigin, expectOrigin, pageErrors } from './browser.ts';

describeOnEveryOrigin('the station page in Chromium', (origin, browser) => {
  let campaign: CampaignServer;

  beforeAll(async () => {
    campaign = await startCampaign({
      lists: [
        { phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm', priority: 1 },
        { phones: [phoneNumber(10)], municipalityCode: '0182', municipalityName: 'Nacka', priority: 3 },
      ],
      stations: 1,
      origin,
    });
  });
  afterAll(async () => {
    await campaign?.close();
  });

  it('shows a number, records an outcome with a key, and moves on to the next contact and leaderboard', async () => {
    const page = await browser().newPage();
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
    await expectOrigin(page, origin);
    await checkIn(page, 'Ada');

    const phone = page.locator('a.contact-phone');
    await phone.filter({ hasText: '070-100 00 01' }).waitFor();
    expect(await phone.getAttribute('href')).toBe(`tel:${phoneNumber(1)}`);
    const stockholm = page.locator('.leaderboard tbody tr', { hasText: 'Stockholm' });
    const figures = () => stockholm.locator('td').allInnerTexts();
    // Columns: conversations, attempts, answered, persons called, contacts.
    expect(await figures()).toEqual(['0', '0', '0', '0', '2']);

    await page.keyboard.press('1');

    await phone.filter({ hasText: '070-100 00 02' }).waitFor();
    // A second press right after the save (a double press) must not record the new contact.
    await page.keyboard.press('5');
    await page.waitForTimeout(300);
    expect((await campaign.app.store.read((q) => campaign.app.leaderboard.totals(q))).attempts).toBe(1);
    await expect.poll(figures, { timeout: 5_000 }).toEqual(['1', '1', '1', '1', '2']);
    expect(await campaign.app.store.read((q) => campaign.app.leaderboard.totals(q))).toMatchObject({ attempts: 1, conversations: 1 });
    // The leaderboard now ranks Stockholm first with its one conversation.
    await expect.poll(() => page.locator('.leaderboard tbody tr th').first().innerText()).toContain('Stockholm');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tries again by itself when the server cannot check its link just now, and joins once it can', async () => {
    const renameStations = (from: string, to: string) => campaign.app.store.write((q) => q.run(sql.raw(`ALTER TABLE ${from} RENAME TO ${to}`)));
    const page = await browser().newPage();
    const errors = pageErrors(page);
    // The stations' table out of reach: the join's lookup fails, as with the database down.
    await renameStations('stations', 'stations_away');
    try {
      await page.goto(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
      // Said as what it is (the server reached, its answer not yet possible), not as a network to check.
      await page.getByRole('heading', { name: 'Servern kan inte ta emot anslutningen just nu. Sidan försöker igen.' }).waitFor();
      expect(await connectionStatus(page)).toBe('unreachable');
      expect(await page.getByText('Kontrollera nätverket').count()).toBe(0);
    } finally {
      await renameStations('stations_away', 'stations');
    }
    // No click: the page's next try (within 10 s) joins.
    await expect.poll(() => connectionStatus(page), { timeout: 15_000 }).toBe('connected');
    expect(await page.getByText('Servern kan inte ta emot anslutningen').count()).toBe(0);
    // A refused join closes socket.io's connection, and a long-poll still out when it closes may be
    // answered 400 (its session gone): the browser logs that, the page does not fail on it.
    expect(errors.filter((error) => !error.includes('status of 400 (Bad Request)'))).toEqual([]);
    await page.close();
  });

  it('says in the page’s language that the server refused the link, not in the server’s English', async () => {
    const page = await browser().newPage();
    await page.goto(`${campaign.pageUrl}/station#token=not-a-station-token`);
    const problem = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Servern godtar inte länken.' }) });
    await problem.getByText('Kontrollera att du öppnade hela anslutningslänken').waitFor();
    expect(await page.getByText('invalid station token').count()).toBe(0);
    await page.close();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../client/src/i18n/en.ts';
import { sv } from '../../client/src/i18n/sv.ts';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { textsOf } from '../helpers/texts.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

const englishTexts = textsOf(en);
/**
 * The Swedish texts that would give an English page away: those English says differently, long
 * enough not to turn up inside other words, and without placeholders (the filled-in text differs).
 */
const SWEDISH = [...textsOf(sv)]
  .filter(([key, text]) => text !== englishTexts.get(key) && text.length >= 4 && !text.includes('{{'))
  .map(([, text]) => text);
/** A key on the page instead of its text: a typo, or a plural asked for without its count. */
const KEYS = [...new Set([...textsOf(sv).keys()].map((key) => key.replace(/_(one|other)$/, '')))].filter((key) => key.includes('.'));

async function post(url: string, body: object): Promise<{ url: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as { url: string };
}

describeWithBrowser('switching a page to English in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    campaign = await startCampaign({
      lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm' }],
      stations: 1,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  /**
   * The campaign's own names (the factories' "Förening 1", "Lista 1", …) are data, not the UI's
   * words, and stay as they are in any language: they are taken out before looking for Swedish.
   */
  const dataNames = (): string[] =>
    campaign.app.db.$client
      .prepare(
        `SELECT name FROM rooms UNION SELECT name FROM municipalities UNION SELECT name FROM associations
         UNION SELECT name FROM call_lists UNION SELECT name FROM stations UNION SELECT name FROM contacts`,
      )
      .pluck()
      .all()
      .map(String)
      .sort((a, b) => b.length - a.length);

  /**
   * The Swedish texts, and any keys, still shown on the page, its data aside. The switch names
   * each language in itself, so it is hidden meanwhile.
   */
  const untranslatedOn = async (page: Page): Promise<string[]> => {
    const language = page.locator('.language-switch');
    await language.evaluate((element) => element.style.setProperty('display', 'none'));
    let text = await page.locator('body').innerText();
    await language.evaluate((element) => element.style.removeProperty('display'));
    for (const name of dataNames()) text = text.replaceAll(name, '');
    return [...SWEDISH, ...KEYS].filter((untranslated) => text.includes(untranslated));
  };

  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

  /** Waits for a text only the English page shows, then checks that no Swedish is left. */
  const expectEnglish = async (page: Page, known: string) => {
    await page.getByText(known, { exact: true }).first().waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await untranslatedOn(page)).toEqual([]);
  };

  const switchToEnglish = async (page: Page) => {
    expect(await htmlLang(page)).toBe('sv');
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => htmlLang(page)).toBe('en');
  };

  it('shows the station in English once switched, with a contact on screen, and remembers it after a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(page, 'Ada');
    await page.locator('a.contact-phone').waitFor();

    await switchToEnglish(page);
    await expectEnglish(page, en.record.heading);
    expect(await page.getByTestId('language-switch').inputValue()).toBe('en');

    await page.reload();
    await page.locator('a.contact-phone').waitFor();
    await expectEnglish(page, en.record.heading);
    await page.close();
  });

  it('shows the paired phone in English, with a contact on it, and remembers it after a reload', async () => {
    const station = await browser.newPage();
    await station.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await station.locator('a.contact-phone').waitFor();
    await station.getByTestId('pair-phone').getByRole('button').first().click();
    const url = await station.getByTestId('pair-url').getAttribute('href');

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(url!);
    await phone.locator('a.phone-call-button').waitFor();
    await switchToEnglish(phone);
    await expectEnglish(phone, en.phone.title);

    await phone.reload();
    await phone.locator('a.phone-call-button').waitFor();
    await expectEnglish(phone, en.phone.title);
    await phone.close();
    await station.close();
  });

  it('shows the call leader’s room board in English, and remembers it after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto((await post(`${campaign.url}/api/leader-links`, { roomId: 1 })).url);
    await page.getByTestId('tile-1').waitFor();
    await page.getByTestId('volunteer-totals-campaign').waitFor();

    await switchToEnglish(page);
    await expectEnglish(page, en.tiles.heading);

    await page.reload();
    await page.getByTestId('volunteer-totals-campaign').waitFor();
    await expectEnglish(page, en.tiles.heading);
    await page.close();
  });

  it('shows an association’s page and an open list in English, and remembers it after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { associationId } = campaign.lists[0]!;
    await page.goto((await post(`${campaign.url}/api/associations/${associationId}/access`, { label: 'e2e' })).url);
    await page.getByTestId('association-lists').waitFor();

    await switchToEnglish(page);
    await page.getByRole('button', { name: `${en.associationLists.open} ${en.associationLists.openWhich.replace('{{name}}', 'Lista')}` }).click();
    await page.getByTestId('list-figures').waitFor();
    await expectEnglish(page, en.listProgress.heading);

    await page.reload();
    await page.getByTestId('association-lists').waitFor();
    await expectEnglish(page, en.associationLists.heading);
    await page.close();
  });
  it('shows the sign-up page and the personal page in English, and remembers it after a reload', async () => {
    const startsAt = Date.now() + 48 * 3_600_000;
    await post(`${campaign.url}/api/rooms/1/sessions`, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 7_200_000).toISOString() });
    const link = await post(`${campaign.url}/api/signup-links`, {});
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.goto(link.url);
    await page.getByTestId('signup-form').waitFor();
    await switchToEnglish(page);
    await expectEnglish(page, en.signup.sessionsHeading);
    await page.reload();
    await page.getByTestId('signup-form').waitFor();
    await expectEnglish(page, en.signup.sessionsHeading);

    await page.getByTestId('signup-form').getByRole('checkbox').first().check();
    await page.getByLabel(en.signup.nameLabel).fill('Ada');
    await page.getByLabel(en.signup.associationLabel).selectOption({ index: 1 });
    await page.getByLabel(en.signup.emailLabel).fill('ada@example.org');
    await page.getByLabel(en.signup.consentLabel).check();
    await page.getByRole('button', { name: en.signup.submit }).click();
    await expectEnglish(page, en.signup.doneHeading);
    await page.getByTestId('personal-link').click();
    await expectEnglish(page, en.me.bookingsHeading);
    await page.close();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { settings } from '../../server/src/db/schema.ts';
import { SYNTHETIC_CAMPAIGNS_KEY } from '../../server/src/features/comparison/comparison.repo.ts';
import { createAssociationLink, createLink } from '../helpers/admin-setup.ts';
import type { CampaignServer } from '../helpers/campaign-server.ts';
import { twoCampaigns } from '../helpers/two-campaigns.ts';
import { expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

/** The smallest phone the pages are made for. */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;
const DESK = { viewport: { width: 1280, height: 900 } } as const;

describeInRoom('the comparison page in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  let leader: string;
  let associationB: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const made = await twoCampaigns({ origin, env: { AUTH_FAILURES_PER_MINUTE: '10000' } });
    campaign = made.campaign;
    leader = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
    associationB = (await createAssociationLink(campaign.url, made.b.associationId, 'B')).token;
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser().newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  const chart = (page: Page, figure: string) => page.getByTestId(`compare-chart-${figure}`);
  const xLabels = (page: Page) => chart(page, 'attempts').locator('.line-chart-x').allTextContents();

  it('a leader reaches it from the board on a phone: two campaigns draw two lines, the axis switch relabels x, the running total adds up', async () => {
    const page = await newPage(PHONE);
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/room#token=${leader}`);
    await page.getByTestId('compare-link').click();
    await page.waitForURL(/\/compare#token=/);
    await expectOrigin(page, origin);
    expect(new URL(page.url()).hash).toBe(`#token=${leader}`);

    // The two newest campaigns are chosen at first: a line each, of as many points as they have days.
    const lines = chart(page, 'attempts').locator('polyline.chart-line');
    await expect.poll(() => lines.count()).toBe(2);
    const points = async () => (await lines.evaluateAll((all) => all.map((line) => (line.getAttribute('points') ?? '').split(' ').length))).sort();
    // Extraval: 4–6 September; Valet 2026: 1–2 September.
    expect(await points()).toEqual([2, 3]);
    expect(await chart(page, 'attempts').locator('svg[role="img"]').getAttribute('aria-label')).toContain('Valet 2026: 7 sammanlagt, högst 4 en dag');
    // Days before election day are negative; days since the start are not.
    expect((await xLabels(page)).some((label) => label.startsWith('−'))).toBe(true);
    await page.getByLabel('Dagar sedan start').check();
    await expect.poll(async () => (await xLabels(page)).some((label) => label.startsWith('−'))).toBe(false);
    expect(await chart(page, 'attempts').locator('.chart-axis-title').textContent()).toBe('Dagar sedan start');

    // The running total as a table: day 1 of Valet 2026 holds all its 7 attempts, Extraval's its first 4.
    await page.getByLabel('Sammanlagt hittills').check();
    const table = chart(page, 'attempts').locator('details');
    await table.locator('summary').click();
    await expect.poll(() => table.locator('tbody tr').first().innerText()).toMatch(/^0\s+–\s+3$/);
    expect(await table.locator('tbody tr').nth(1).innerText()).toMatch(/^1\s+4\s+7$/);

    // The table per municipality: Ale in both campaigns, Botkyrka in one, each with its rates per attempt.
    const municipalities = page.getByTestId('compare-municipalities').locator('tbody tr');
    expect(await municipalities.allInnerTexts()).toEqual([
      expect.stringMatching(/^Ale\s+Extraval\s+5\s+3\s+2\s+60\s?%\s+40\s?%$/),
      expect.stringMatching(/^Ale\s+Valet 2026\s+5\s+3\s+2\s+60\s?%\s+40\s?%$/),
      expect.stringMatching(/^Botkyrka\s+Valet 2026\s+2\s+1\s+1\s+50\s?%\s+50\s?%$/),
    ]);

    // A campaign without an election day is left out of that axis, and said so.
    await page.getByLabel('Dagar före valdagen').check();
    await page.getByLabel(/Medlemssamtal/).check();
    await expect.poll(() => page.getByText('Saknar valdag och jämförs bara mot dagar sedan start: Medlemssamtal.').count()).toBe(1);
    await expect.poll(() => lines.count()).toBe(2);

    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1')).toBe(true);
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    expect(errors).toEqual([]);
  });

  it('an association reaches it from its page and sees its own figures; a campaign the demo simulated says its figures are synthetic', async () => {
    campaign.app.db.insert(settings).values({ key: SYNTHETIC_CAMPAIGNS_KEY, value: JSON.stringify([2]) }).onConflictDoNothing().run();
    const page = await newPage(DESK);
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/association#token=${associationB}`);
    await page.getByTestId('compare-link').click();
    await page.waitForURL(/\/compare#token=/);
    await expect.poll(() => page.getByTestId('synthetic-notice').innerText()).toContain('Syntetiska siffror');
    expect(await page.getByTestId('synthetic-notice').innerText()).toContain('Extraval');
    // Only Botkyrka's list and its one volunteer: a line for Valet 2026 and an empty one for Extraval.
    await expect.poll(() => page.getByTestId('compare-municipalities').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Botkyrka\s+Valet 2026\s+2\s+1\s+1\s+50\s?%\s+50\s?%$/),
    ]);
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    expect(errors).toEqual([]);
  });
});

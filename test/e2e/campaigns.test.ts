import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Campaign } from '@ringstuga/shared';
import { phoneNumber } from '../factories/campaign.ts';
import { createLink } from '../helpers/admin-setup.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;

describeInRoom('the campaigns page and the board’s campaign choice in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityName: 'Sundbyberg' }], stations: 1, origin });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser().newContext(PHONE);
    contexts.push(context);
    return context.newPage();
  }

  const campaigns = async () => ((await (await api(campaign.url, 'GET', '/api/campaigns', ADMIN_TOKEN)).json()) as { campaigns: Campaign[] }).campaigns;

  it('the admin makes a copy of a campaign, changes its end, chooses it on the board, and archives it only after typing its name', async () => {
    const page = await newPage();
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/campaigns#token=${ADMIN_TOKEN}`);
    await expectOrigin(page, origin);
    await page.getByRole('heading', { name: 'Kampanjer', level: 1 }).waitFor();
    await page.getByTestId('campaign-1').waitFor();

    const form = page.getByTestId('campaign-form');
    await form.getByRole('button', { name: 'Skapa kampanjen' }).click();
    await form.getByRole('alert').getByText('Skriv ett namn och ett startdatum.').waitFor();
    await form.getByLabel('Namn').fill('Första maj');
    await form.getByLabel('Startdatum').fill('2027-04-12');
    await form.getByLabel('Kopiera från').selectOption({ label: 'Kampanj 1' });
    await form.getByRole('button', { name: 'Skapa kampanjen' }).click();
    await form.getByRole('status').getByText('Kampanjen Första maj är skapad.').waitFor();
    const made = (await campaigns()).find((item) => item.name === 'Första maj')!;
    expect(made).toMatchObject({ startsOn: '2027-04-12', endsOn: null, status: 'active', copiedFrom: 1 });
    const row = page.getByTestId(`campaign-${made.id}`);
    expect(await row.innerText()).toContain('Alltid öppen');
    await expectNoSeriousAxeViolationsInBothSchemes(page);

    await row.getByRole('button', { name: 'Ändra Första maj' }).click();
    const edit = page.getByRole('form', { name: 'Ändra Första maj' });
    await edit.getByLabel('Slutdatum').fill('2027-05-01');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.getByRole('status').waitFor();
    expect((await campaigns()).find((item) => item.id === made.id)?.endsOn).toBe('2027-05-01');

    // A question for every list of the campaign, asked before the lists' own.
    const editor = page.getByTestId('questions-editor');
    await editor.getByText('Kampanjen har inga frågor än.').waitFor();
    await editor.getByRole('button', { name: 'Ny ja/nej-fråga' }).click();
    await editor.getByRole('group', { name: 'Fråga 1' }).getByLabel('Frågan på svenska').fill('Tänker du rösta?');
    await editor.getByRole('button', { name: 'Spara frågorna' }).click();
    await expect
      .poll(async () => ((await (await api(campaign.url, 'GET', `/api/campaigns/${made.id}/questions`, ADMIN_TOKEN)).json()) as { questions: { key: string }[] }).questions)
      .toEqual([expect.objectContaining({ key: 'tanker_du_rosta', kind: 'yes_no', fromCampaign: true })]);
    await expectNoSeriousAxeViolationsInBothSchemes(page);

    // Two campaigns are active: the leader's board offers the choice, and the standings follow it.
    const board = await newPage();
    const leader = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
    await board.goto(`${campaign.pageUrl}/room#token=${leader}`);
    const choice = board.getByLabel('Kampanj', { exact: true });
    await choice.selectOption({ label: 'Första maj' });
    // The room's choice is the server's (the big screen follows it), not only the select's.
    await expect.poll(async () => (await campaign.app.store.read((q) => campaign.app.roomCampaign.of(q, 1))).campaignId).toBe(made.id);
    // The select shows what the server's next board push says.
    await expect.poll(() => choice.inputValue()).toBe(String(made.id));

    const archive = page.getByRole('textbox', { name: 'Skriv ARKIVERA Första maj för att arkivera' });
    await archive.fill('ARKIVERA första maj');
    await page.getByRole('button', { name: 'Arkivera kampanjen' }).click();
    await page.getByRole('alert').getByText('Skriv ARKIVERA Första maj för att arkivera').waitFor();
    expect((await campaigns()).find((item) => item.id === made.id)?.status).toBe('active');
    await archive.fill('ARKIVERA Första maj');
    await page.getByRole('button', { name: 'Arkivera kampanjen' }).click();
    await page.getByText(/Arkiverad\. Raderat: 0 kontakter/).waitFor();
    await row.getByText('Arkiverad').waitFor();
    expect((await campaigns()).find((item) => item.id === made.id)?.status).toBe('archived');
    // One active campaign again: the board has nothing to choose.
    await choice.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});

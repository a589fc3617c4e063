import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

const tokenOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;

describeInRoom('the admin’s set-up page in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Sundbyberg' }], stations: 2, origin });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(width: number): Promise<Page> {
    const context = await browser().newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  it('adds an association, hands on its link and revokes it, adds a room with stations and their join links, and makes and revokes a call leader’s link, saying refusals in words', async () => {
    const page = await newPage(1280);
    // The two clashes below are answered 409, which the browser logs as failed loads.
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/setup#token=${ADMIN_TOKEN}`);
    await expectOrigin(page, origin);
    await page.getByRole('heading', { name: 'Föreningar, rum och länkar', level: 1 }).waitFor();

    // An association: checked before it is sent, then added, and a clash with another municipality told in words.
    const form = page.getByTestId('setup-association-form');
    await form.getByRole('button', { name: 'Lägg till föreningen' }).click();
    await form.getByRole('alert').getByText('Fyll i föreningens namn och kommunen.').waitFor();
    await form.getByLabel('Föreningens namn').fill('Solna partiförening');
    await form.getByLabel('Kommunkod').fill('184');
    await form.getByLabel('Kommun', { exact: true }).fill('Solna');
    await form.getByRole('button', { name: 'Lägg till föreningen' }).click();
    await form.getByRole('alert').getByText('Kommunkoden är fyra siffror, till exempel 0180.').waitFor();
    await form.getByLabel('Kommunkod').fill('0184');
    await form.getByRole('button', { name: 'Lägg till föreningen' }).click();
    await form.getByText('Solna partiförening har lagts till.').waitFor();
    const associations = page.getByTestId('setup-associations-table');
    await associations.getByRole('row', { name: /Solna partiförening\s+Solna \(0184\)\s+0/ }).waitFor();
    await form.getByLabel('Föreningens namn').fill('Solna partiförening');
    await form.getByLabel('Kommunkod').fill('0180');
    await form.getByLabel('Kommun', { exact: true }).fill('Stockholm');
    await form.getByRole('button', { name: 'Lägg till föreningen' }).click();
    await form.getByRole('alert').getByText('En förening som heter Solna partiförening finns redan i en annan kommun: Solna (0184).').waitFor();

    // Its link, shown once, opens the association's own page.
    await associations.getByRole('button', { name: 'Skapa länk för Solna partiförening' }).click();
    const associationLink = await page.getByTestId('setup-association-link').inputValue();
    expect(new URL(associationLink).pathname).toBe('/association');
    const association = await newPage(1280);
    const associationErrors = pageErrors(association);
    await association.goto(associationLink);
    await association.getByText('Föreningen har inga listor ännu.').waitFor();
    // Listed with its state, and revoked after one question: the link stops working.
    expect((await api(campaign.url, 'GET', '/api/lists', tokenOf(associationLink))).status).toBe(200);
    const associationLinks = page.getByTestId('setup-association-links-table');
    const linkRow = associationLinks.getByRole('row', { name: /Solna partiförening\s+\S.*\s+Aktiv/ });
    await linkRow.getByRole('button', { name: /^Dra tillbaka länken ”Solna partiförening” från / }).click();
    await linkRow.getByRole('alertdialog').getByRole('button', { name: 'Ja, dra tillbaka' }).click();
    await page.getByText('Länken ”Solna partiförening” är indragen.').waitFor();
    await associationLinks.getByRole('row', { name: /Solna partiförening\s+\S.*\s+Indragen/ }).waitFor();
    expect((await api(campaign.url, 'GET', '/api/lists', tokenOf(associationLink))).status).toBe(401);

    // A room, three stations in it, and their join links.
    const rooms = page.getByTestId('setup-rooms');
    await rooms.getByLabel('Rummets namn').fill('Folkets hus');
    await rooms.getByRole('button', { name: 'Lägg till rummet' }).click();
    const hall = rooms.getByRole('article', { name: 'Folkets hus' });
    await hall.getByText('0 stationer').waitFor();
    await hall.getByLabel('Antal nya stationer').fill('3');
    await hall.getByRole('button', { name: 'Lägg till stationer' }).click();
    await hall.getByText('Stationerna 3–5 är tillagda.').waitFor();
    await hall.getByText('3 stationer').waitFor();
    await hall.getByText('Stationernas länkar (3)').click();
    const joinLinks = await Promise.all((await hall.locator('details input').all()).map((input) => input.inputValue()));
    expect(joinLinks.map((link) => new URL(link).pathname)).toEqual(['/station', '/station', '/station']);
    // A room's name is its own.
    await rooms.getByLabel('Rummets namn').fill('Folkets hus');
    await rooms.getByRole('button', { name: 'Lägg till rummet' }).click();
    await page.getByTestId('setup-room-form').getByRole('alert').getByText('Det finns redan ett rum med det namnet.').waitFor();

    // The call leader's link: listed as active, then revoked after one question, and refused from then on.
    await hall.getByRole('button', { name: 'Skapa ringledarlänk' }).click();
    const leaderLink = await hall.getByLabel('Ringledarlänk för Folkets hus', { exact: true }).inputValue();
    expect(new URL(leaderLink).pathname).toBe('/room');
    expect((await api(campaign.url, 'GET', '/api/rooms', tokenOf(leaderLink))).status).toBe(200);
    const links = page.getByTestId('setup-links-table');
    const row = links.getByRole('row', { name: /Folkets hus\s+Ringledare\s+Folkets hus\s+\S.*\s+Aktiv/ });
    await row.waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    await row.getByRole('button', { name: /^Dra tillbaka länken ”Folkets hus” från / }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: 'Ja, dra tillbaka' }).click();
    await page.getByText('Länken ”Folkets hus” är indragen.').waitFor();
    await links.getByRole('row', { name: /Folkets hus\s+Ringledare\s+Folkets hus\s+\S.*\s+Indragen/ }).waitFor();
    expect((await api(campaign.url, 'GET', '/api/rooms', tokenOf(leaderLink))).status).toBe(401);
    expect(errors.filter((error) => !error.includes('409'))).toEqual([]);
    // The association's page, its link revoked meanwhile, may have been refused since (401).
    expect(associationErrors.filter((error) => !error.includes('401'))).toEqual([]);
  });

  it('fits a phone’s width, and refuses a link without the admin’s key', async () => {
    const page = await newPage(360);
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/setup#token=${ADMIN_TOKEN}`);
    await page.getByTestId('setup-associations-table').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1')).toBe(true);
    await page.goto(`${campaign.pageUrl}/setup`);
    await page.getByText('Länken saknar nyckel. Öppna sidan från administratörens fullständiga länk.').waitFor();
    expect(errors).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { windows1252File } from '../factories/import-files.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { describeWithBrowser, launchBrowser } from './browser.ts';

const SCREENSHOTS = 'test-results/screenshots';

/**
 * Swedish Excel's semicolon CSV in Windows-1252. "Telefon" is recognised as the number, but it holds
 * the few home numbers; the mobiles sit in "Nr", which no one would guess: one mapping change.
 * The last row's mobile is not a number, so it is left out.
 */
const FILE_LINES = [
  'Förnamn;Efternamn;Telefon;Nr;Valdistrikt',
  'Åsa;Öberg;;070-200 00 01;0180-01',
  'Märta;Ek;08-555 123 45;070-200 00 02;0180-01',
  'Björn;Åkesson;;070-200 00 03;0180-02',
  'Jörgen;Lind;;070-200 00 04;0180-02',
  'Göran;Ström;;12345;0180-03',
];

async function associationLink(url: string, associationId: number): Promise<string> {
  const response = await fetch(`${url}/api/associations/${associationId}/access`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'e2e' }),
  });
  if (response.status !== 201) throw new Error(`association access: ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

const figure = (page: Page, testId: string, name: string) => page.getByTestId(testId).locator(`[data-figure="${name}"]`).innerText();

describeWithBrowser('an association’s page in Chromium: lists, import, progress and export', () => {
  let campaign: CampaignServer;
  let browser: Browser;
  let fileDir: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    campaign = await startCampaign({
      lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm' }],
      stations: 1,
    });
    fileDir = mkdtempSync(join(tmpdir(), 'ringstuga-import-'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  });

  it('creates a list, previews and maps a Windows-1252 file, imports it with a progress bar, then shows progress and exports', async () => {
    const { associationId } = campaign.lists[0]!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(await associationLink(campaign.url, associationId));

    // The association's own list is there, with its contacts.
    const lists = page.getByTestId('association-lists');
    await lists.getByRole('rowheader').first().waitFor();
    expect(await lists.locator('tbody tr').count()).toBe(1);

    // "Ny lista": it opens at once, empty.
    await page.getByLabel('Listans namn').fill('Medlemmar Södermalm');
    await page.getByRole('button', { name: 'Skapa listan' }).click();
    await page.getByRole('heading', { name: 'Lista: Medlemmar Södermalm' }).waitFor();
    const listId = Number(await page.getByTestId('list-view').getAttribute('data-list'));
    expect(await lists.locator(`tr[data-list="${listId}"] [data-column="contacts"]`).innerText()).toBe('0');
    await expect.poll(() => figure(page, 'list-figures', 'contacts')).toBe('0');

    // Step 1: the dry run reads the file as it is and recognises what it can.
    const file = join(fileDir, 'medlemmar.csv');
    writeFileSync(file, windows1252File(FILE_LINES));
    await page.getByLabel('Fil med kontakter (CSV eller Excel)').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('import-encoding').innerText()).toBe('Windows-1252 (äldre Excel)');
    expect(await page.getByTestId('import-separator').innerText()).toBe('semikolon (;)');
    expect(await page.getByTestId('import-sample').locator('thead th').allInnerTexts()).toEqual(FILE_LINES[0]!.split(';'));
    expect(await page.getByTestId('import-sample').locator('tbody tr').first().innerText()).toContain('Åsa');

    const phoneSelect = page.getByLabel('Telefonnummer');
    expect(await phoneSelect.inputValue()).toBe('Telefon');
    expect(await page.getByLabel('Valdistrikt').inputValue()).toBe('Valdistrikt');
    // No single name column: the server joins Förnamn and Efternamn, and the select says so.
    expect(await page.getByLabel('Namn (måste finnas)').locator('option:checked').innerText()).toBe('Förnamn och efternamn ihop');
    expect(await figure(page, 'dry-run-figures', 'imported')).toBe('1');
    expect(await figure(page, 'dry-run-figures', 'rejected')).toBe('4');
    expect(await page.getByTestId('dry-run-rejected').locator('tbody tr').first().innerText()).toContain('Telefonnummer saknas');

    // The one change: the number is in "Nr". The dry run reruns with the mapping.
    await phoneSelect.selectOption('Nr');
    await expect.poll(() => page.getByTestId('dry-run').getAttribute('data-state')).toBe('checked');
    await expect.poll(() => figure(page, 'dry-run-figures', 'imported')).toBe('4');
    expect(await figure(page, 'dry-run-figures', 'rejected')).toBe('1');
    expect(await page.getByTestId('dry-run-rejected').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^6\s+Ogiltigt telefonnummer\s+12345$/),
    ]);
    expect(await campaign.app.db.$client.prepare('SELECT count(*) FROM contacts WHERE list_id = ?').pluck().get(listId)).toBe(0);

    // Step 2: the import. Its answer is held back a moment, so the bar is seen while the server works.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/lists\/\d+\/import\?/, async (route) => {
      if (!route.request().url().includes('dryRun=true')) await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Importens förlopp' });
    await bar.waitFor();
    expect(await page.getByTestId('import-progress').innerText()).toMatch(/Skickar filen|Servern tar emot filen/);
    release();

    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await figure(page, 'import-result-figures', 'imported')).toBe('4');
    expect(await figure(page, 'import-result-figures', 'updated')).toBe('0');
    expect(await figure(page, 'import-result-figures', 'unchanged')).toBe('0');
    expect(await figure(page, 'import-result-figures', 'rejected')).toBe('1');
    const rejected = page.getByTestId('import-rejected').locator('tbody tr');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.locator('th, td').allInnerTexts()).toEqual(['6', 'Ogiltigt telefonnummer', '12345']);
    // The bar stays, full, with its text.
    expect(await bar.getAttribute('value')).toBe('1');
    expect(await bar.getAttribute('max')).toBe('1');
    expect(await page.getByTestId('import-progress').innerText()).toContain('Klart.');
    expect(await page.getByTestId('import-status').innerText()).toContain('Importen är klar: 4 nya');
    await page.getByTestId('list-import').screenshot({ path: `${SCREENSHOTS}/association-import.png` });

    // The names came through Windows-1252 whole, and the numbers are E.164.
    const stored = campaign.app.db.$client.prepare('SELECT name, phone, voting_district FROM contacts WHERE list_id = ? ORDER BY id').all(listId);
    expect(stored).toEqual([
      { name: 'Åsa Öberg', phone: '+46702000001', voting_district: '0180-01' },
      { name: 'Märta Ek', phone: '+46702000002', voting_district: '0180-01' },
      { name: 'Björn Åkesson', phone: '+46702000003', voting_district: '0180-02' },
      { name: 'Jörgen Lind', phone: '+46702000004', voting_district: '0180-02' },
    ]);

    // The progress page follows: four contacts, two voting districts, nobody called yet.
    await expect.poll(() => figure(page, 'list-figures', 'contacts')).toBe('4');
    expect(await figure(page, 'list-figures', 'persons-called')).toBe('0');
    expect(await figure(page, 'list-figures', 'remaining')).toBe('4');
    expect(await page.getByTestId('list-breakdown').locator('[data-count="ready"]').innerText()).toBe('4');
    expect(await lists.locator(`tr[data-list="${listId}"] [data-column="contacts"]`).innerText()).toBe('4');
    const districts = page.getByTestId('district-table');
    expect(await districts.locator('tbody th').allInnerTexts()).toEqual(['0180-01', '0180-02']);
    expect(await districts.locator('tr[data-district="0180-01"] [data-column="contacts"]').innerText()).toBe('2');
    await page.getByTestId('list-progress').screenshot({ path: `${SCREENSHOTS}/association-progress.png` });

    // The contacts export, through the bearer header and a blob.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera kontakter (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`lista-${listId}-kontakter.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^external_id[;,]name[;,]phone[;,]/);
    expect(rows).toHaveLength(4);
    expect(csv).toContain('Åsa Öberg');
    await page.close();
  });

  it('switches notes off for a list, with the reason not to collect opinions or health', async () => {
    const { associationId, listId } = campaign.lists[0]!;
    const page = await browser.newPage();
    await page.goto(await associationLink(campaign.url, associationId));
    await page.getByRole('button', { name: new RegExp(`^Visa listan `) }).first().click();
    await page.getByTestId('list-view').waitFor();
    expect(Number(await page.getByTestId('list-view').getAttribute('data-list'))).toBe(listId);
    const settings = page.getByTestId('list-settings');
    expect(await settings.innerText()).toMatch(/åsikter eller hälsa/);
    const notes = settings.getByRole('checkbox', { name: 'Tillåt anteckningar' });
    expect(await notes.isChecked()).toBe(true);
    await notes.click();

    const notesEnabled = () => campaign.app.db.$client.prepare('SELECT notes_enabled FROM call_lists WHERE id = ?').pluck().get(listId);
    if (campaign.app.hasRoute({ method: 'PATCH', url: '/api/lists/:id' })) {
      await settings.getByText('Anteckningar är avstängda för listan.').waitFor();
      expect(notesEnabled()).toBe(0);
      expect(await notes.isChecked()).toBe(false);
      expect(await page.getByTestId('association-lists').locator(`tr[data-list="${listId}"]`).innerText()).toContain('Avstängda');
    } else {
      // Before the settings route exists, the page says the change was not saved.
      await settings.getByRole('alert').waitFor();
      expect(notesEnabled()).toBe(1);
    }
    await page.close();
  });
});

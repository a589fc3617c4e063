import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { phoneNumber } from '../factories/campaign.ts';
import { utf8File, windows1252File } from '../factories/import-files.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { describeOnEveryOrigin, inRoomOnly, expectOrigin, pageErrors } from './browser.ts';
import { contactsPage } from '../../server/src/features/import/import.repo.ts';

const SCREENSHOTS = 'test-results/screenshots';

/**
 * Swedish Excel's semicolon CSV in Windows-1252. "Telefon" is recognised as the number, but it holds
 * the few home numbers; the mobiles sit in "Nr", which no one would guess: one mapping change.
 * The last row's mobile is not a number, so it is left out.
 */
const FILE_LINES = [
  'Förnamn;Efternamn;Telefon;Nr;Valdistrikt',
  'Åsa;Öberg;;070-200 00 01;0180-0101',
  'Märta;Ek;08-555 123 45;070-200 00 02;0180 0101',
  'Björn;Åkesson;;070-200 00 03;01800102',
  'Jörgen;Lind;;070-200 00 04;1800102',
  'Göran;Ström;;12345;0180-0103',
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

/** Makes a list for the association and imports contacts into it, as the admin would through the API. */
async function listWithContacts(url: string, associationId: number, name: string, file: Uint8Array): Promise<number> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const created = await fetch(`${url}/api/lists`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name, associationId }),
  });
  if (created.status !== 201) throw new Error(`create list: ${created.status}`);
  const listId = ((await created.json()) as { id: number }).id;
  const imported = await fetch(`${url}/api/lists/${listId}/import`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: file });
  if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
  return listId;
}

const figure = (page: Page, testId: string, name: string) => page.getByTestId(testId).locator(`[data-figure="${name}"]`).innerText();

describeOnEveryOrigin('an association’s page in Chromium: lists, import, progress and export', (origin, browser) => {
  const inRoom = inRoomOnly(origin);
  let campaign: CampaignServer;
  let fileDir: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    campaign = await startCampaign({
      lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm' }],
      stations: 1,
      origin,
    });
    fileDir = mkdtempSync(join(tmpdir(), 'ringstuga-import-'));
  });
  afterAll(async () => {
    await campaign?.close();
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  });

  it('creates a list, previews and maps a Windows-1252 file, imports it with a progress bar, then shows progress and exports', async () => {
    const { associationId } = campaign.lists[0]!;
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(await associationLink(campaign.url, associationId));
    await expectOrigin(page, origin);

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
    expect(await page.getByTestId('import-mapping').getByLabel('Valdistrikt').inputValue()).toBe('Valdistrikt');
    // No single name column: the server joins Förnamn and Efternamn, and the select says so.
    expect(await page.getByLabel('Namn (måste finnas)').locator('option:checked').innerText()).toBe('Förnamn och efternamn ihop');
    expect(await figure(page, 'dry-run-figures', 'imported')).toBe('1');
    expect(await figure(page, 'dry-run-figures', 'rejected')).toBe('4');
    expect(await page.getByTestId('dry-run-rejected').locator('tbody tr').first().innerText()).toContain('Telefonnummer saknas');

    // The one change: the number is in "Nr". The dry run reruns with the mapping.
    await phoneSelect.selectOption('Nr');
    await expect.poll(() => page.getByTestId('dry-run').getAttribute('data-state'), { timeout: 15_000 }).toBe('checked');
    await expect.poll(() => figure(page, 'dry-run-figures', 'imported')).toBe('4');
    expect(await figure(page, 'dry-run-figures', 'rejected')).toBe('1');
    expect(await page.getByTestId('dry-run-rejected').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^6\s+Ogiltigt telefonnummer\s+12345$/),
    ]);
    expect(await campaign.app.store.read((q) => contactsPage(q, listId, 0, 1))).toEqual([]);

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
    if (origin.secure) await page.getByTestId('list-import').screenshot({ path: `${SCREENSHOTS}/association-import.png` });

    // The names came through Windows-1252 whole, and the numbers are E.164.
    const stored = (await campaign.app.store.read((q) => contactsPage(q, listId, 0, 100))).map(({ name, phone, voting_district }) => ({ name, phone, voting_district }));
    expect(stored).toEqual([
      // Each district code written one way, however the file wrote it.
      { name: 'Åsa Öberg', phone: '+46702000001', voting_district: '01800101' },
      { name: 'Märta Ek', phone: '+46702000002', voting_district: '01800101' },
      { name: 'Björn Åkesson', phone: '+46702000003', voting_district: '01800102' },
      { name: 'Jörgen Lind', phone: '+46702000004', voting_district: '01800102' },
    ]);

    // The progress page follows: four contacts, two voting districts, nobody called yet.
    await expect.poll(() => figure(page, 'list-figures', 'contacts')).toBe('4');
    expect(await figure(page, 'list-figures', 'persons-called')).toBe('0');
    expect(await figure(page, 'list-figures', 'remaining')).toBe('4');
    expect(await page.getByTestId('list-breakdown').locator('[data-count="ready"]').innerText()).toBe('4');
    expect(await lists.locator(`tr[data-list="${listId}"] [data-column="contacts"]`).innerText()).toBe('4');
    const districts = page.getByTestId('district-table');
    expect(await districts.locator('tbody th').allInnerTexts()).toEqual(['01800101', '01800102']);
    expect(await districts.locator('tr[data-district="01800101"] [data-column="contacts"]').innerText()).toBe('2');
    if (origin.secure) await page.getByTestId('list-progress').screenshot({ path: `${SCREENSHOTS}/association-progress.png` });

    // The contacts export, through the bearer header and a blob: the workbook first, the CSV beside it.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera kontakter (Excel)' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe(`lista-${listId}-kontakter.xlsx`);
    const sheet = await readSheet(readFileSync(await workbook.path()));
    expect(sheet[0]!.slice(0, 3)).toEqual(['external_id', 'name', 'phone']);
    expect(sheet).toHaveLength(5);
    expect(sheet.map((row) => row[1])).toContain('Åsa Öberg');
    // Numbers stay text, as typed: no leading apostrophe, no number format.
    expect(sheet.slice(1).every((row) => typeof row[2] === 'string' && /^\+46\d+$/.test(row[2]))).toBe(true);
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
    expect(errors).toEqual([]);
    await page.close();
  });

  inRoom('shows the first 1,000 rows left out of a large file and, for the rest, "and N more" with the count per reason', async () => {
    const { associationId } = campaign.lists[0]!;
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(await associationLink(campaign.url, associationId));
    await page.getByLabel('Listans namn').fill('Utan nummer');
    await page.getByRole('button', { name: 'Skapa listan' }).click();
    await page.getByRole('heading', { name: 'Lista: Utan nummer' }).waitFor();

    // A file named .xlsx that is no workbook: refused, and said in the page's language (the server's message is English).
    const notAWorkbook = join(fileDir, 'inte-en-arbetsbok.xlsx');
    writeFileSync(notAWorkbook, utf8File(['Namn;Telefon', 'Åsa Öberg;070-200 00 10']));
    await page.getByLabel('Fil med kontakter (CSV eller Excel)').setInputFiles(notAWorkbook);
    // The parser's worker takes seconds to start on a loaded machine.
    const refusal = page.getByRole('alert').filter({ hasText: 'Filen gick inte att läsa.' }).locator('.alert-detail');
    await refusal.waitFor({ timeout: 30_000 });
    expect((await refusal.innerText()).trim()).toBe(
      'Filen är ingen Excel-arbetsbok (.xlsx) som går att läsa: den kan vara skadad, eller en annan sorts fil med nytt namn. Öppna den i Excel och spara den på nytt som .xlsx, eller spara den som CSV.',
    );

    // 1,300 rows: every tenth with a number that is no number, the rest with none, and one good row.
    const file = join(fileDir, 'utan-nummer.csv');
    const rows = Array.from({ length: 1_300 }, (_, i) => (i % 10 === 0 ? `Person ${i};12345` : `Person ${i};`));
    writeFileSync(file, utf8File(['Namn;Telefon', ...rows, 'Åsa Öberg;070-200 00 09']));
    await page.getByLabel('Fil med kontakter (CSV eller Excel)').setInputFiles(file);
    // The parser's worker takes seconds to start on a loaded machine.
    await expect.poll(() => page.getByTestId('dry-run').getAttribute('data-state'), { timeout: 30_000 }).toBe('checked');
    expect(await figure(page, 'dry-run-figures', 'rejected')).toBe('1\u00a0300');
    expect(await page.getByTestId('dry-run-rejected').locator('tbody tr').count()).toBe(5);
    const dryMore = page.getByTestId('dry-run-rejected-more');
    expect(await dryMore.locator('p').innerText()).toBe('…och 1\u00a0295 rader till. Alla överhoppade rader, per orsak:');
    expect(await dryMore.locator('li').allInnerTexts()).toEqual(['Telefonnummer saknas: 1\u00a0170', 'Ogiltigt telefonnummer: 130']);

    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await figure(page, 'import-result-figures', 'imported')).toBe('1');
    expect(await page.getByTestId('import-rejected').locator('tbody tr').count()).toBe(1_000);
    expect(await page.getByTestId('import-rejected').locator('caption').innerText()).toContain('Visar de första 1\u00a0000 av 1\u00a0300.');
    expect(await page.getByTestId('import-rejected-more').locator('p').innerText()).toBe('…och 300 rader till. Alla överhoppade rader, per orsak:');

    await page.close();
  });

  inRoom('sets election results per voting district beside the conversations: read in the browser, a scatter plot and r', async () => {
    const { associationId } = campaign.lists[0]!;
    // Eight contacts in four voting districts; 1, 2 and 3 conversations in the first three, none in the fourth.
    const contacts = [
      ['0180-0101', 1],
      ['0180-0102', 2],
      ['0180-0103', 3],
      ['0180-0104', 2],
    ] as const;
    const lines = ['Namn;Telefon;Valdistrikt'];
    contacts.forEach(([district, count], d) => {
      for (let i = 0; i < count; i += 1) lines.push(`Person ${d}${i};${phoneNumber(100 + 10 * d + i)};${district}`);
    });
    const listId = await listWithContacts(campaign.url, associationId, 'Valdistrikten', utf8File(lines));

    // The calls, through a real station: every contact of the association's lists is called once.
    // Stored as 8-digit codes.
    const wanted = new Map<string, number>([['01800101', 1], ['01800102', 2], ['01800103', 3]]);
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId } });
    for (let guard = 0; guard < 50; guard += 1) {
      const next = await station.emitWithAck('contact:next');
      if (!next.ok || !next.assignment) {
        expect(next).toMatchObject({ ok: true, reason: 'list_empty' });
        break;
      }
      const { list, votingDistrict } = next.assignment.contact;
      const left = list.id === listId ? (wanted.get(votingDistrict ?? '') ?? 0) : 0;
      if (left > 0) wanted.set(votingDistrict!, left - 1);
      const saved = await station.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome: left > 0 ? 'conversation' : 'declined' });
      expect(saved).toMatchObject({ ok: true });
    }
    expect([...wanted.values()]).toEqual([0, 0, 0]);

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(await associationLink(campaign.url, associationId));
    await page.getByRole('button', { name: 'Visa listan Valdistrikten' }).click();
    await expect.poll(() => figure(page, 'list-figures', 'conversations')).toBe('6');

    // Swedish Excel's semicolons in Windows-1252, the codes written without the hyphen, a minus that
    // AutoCorrect made an en dash (byte 0x96), a district not in the list and a row without a number.
    const file = join(fileDir, 'valresultat.csv');
    writeFileSync(
      file,
      Buffer.concat([
        windows1252File(['Valdistrikt;Förändring (procentenheter)', '01800101;+0,8', '01800102;+1,9', '01800103;2,1', '01809999;+5,0', '01800105;uppgift saknas']),
        Buffer.from([0x30, 0x31, 0x38, 0x30, 0x30, 0x31, 0x30, 0x34, 0x3b, 0x96, 0x30, 0x2c, 0x34, 0x0d, 0x0a]), // 01800104;–0,4
      ]),
    );
    // The file stays in the browser: choosing it sends nothing.
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    const panel = page.getByTestId('district-results');
    expect(await panel.innerText()).toContain('Filen stannar i webbläsaren');
    await page.getByLabel('Valresultat per valdistrikt (CSV)').setInputFiles(file);

    // x = 1, 2, 3, 0 conversations; y = 0.8, 1.9, 2.1, -0.4: Σdxdy = 4.3, Σdx² = 5, Σdy² = 3.98, r = 4.3/√19.9 ≈ 0.964.
    const correlation = page.getByTestId('district-correlation');
    await expect.poll(() => correlation.innerText()).toBe('r = 0,96 (n = 4 valdistrikt)');
    const facts = (name: string) => panel.locator(`[data-fact="${name}"]`).innerText();
    expect(await facts('read')).toBe('5');
    expect(await facts('skipped')).toBe('1');
    expect(await facts('not-in-list')).toBe('1');
    expect(await facts('without-result')).toBe('0');
    expect(await facts('plotted')).toBe('4');

    const plot = page.getByTestId('district-scatter').locator('svg[role="img"]');
    expect(await plot.getAttribute('aria-label')).toBe('Samtal och förändring i röstandel per valdistrikt: 4 valdistrikt, r = 0,96.');
    const points = plot.locator('circle');
    expect(await points.count()).toBe(4);
    expect(await points.locator('title').allTextContents()).toEqual([
      '01800101: 1 samtal, +0,8 procentenheter',
      '01800102: 2 samtal, +1,9 procentenheter',
      '01800103: 3 samtal, +2,1 procentenheter',
      '01800104: 0 samtal, −0,4 procentenheter',
    ]);
    expect(await plot.getByTestId('scatter-fit').count()).toBe(1);
    expect(await panel.innerText()).toMatch(/inte att samtalen orsakade förändringen/);
    await panel.screenshot({ path: `${SCREENSHOTS}/association-districts.png` });

    // Per 100 contacts: 100, 100, 100 and 0; Σdxdy = 150, Σdx² = 7500, r = 150/√29 850 ≈ 0.868.
    await page.getByLabel('Samtal per 100 kontakter').check();
    await expect.poll(() => correlation.innerText()).toBe('r = 0,87 (n = 4 valdistrikt)');
    expect(await points.first().locator('title').textContent()).toBe('01800101: 100,0 samtal per 100 kontakter, +0,8 procentenheter');
    expect(sent).toEqual([]);
    await page.close();
  });

  inRoom('switches notes off for a list, with the reason not to collect opinions or health', async () => {
    const { associationId, listId } = campaign.lists[0]!;
    const page = await browser().newPage();
    await page.goto(await associationLink(campaign.url, associationId));
    await page.getByRole('button', { name: new RegExp(`^Visa listan `) }).first().click();
    await page.getByTestId('list-view').waitFor();
    expect(Number(await page.getByTestId('list-view').getAttribute('data-list'))).toBe(listId);
    const settings = page.getByTestId('list-settings');
    expect(await settings.innerText()).toMatch(/åsikter eller hälsa/);
    const notes = settings.getByRole('checkbox', { name: 'Tillåt anteckningar' });
    expect(await notes.isChecked()).toBe(true);
    await notes.click();

    const notesEnabled = async () => (await campaign.app.store.read((q) => campaign.app.lists.find(q, listId)))?.notesEnabled;
    await settings.getByText('Anteckningar är avstängda för listan.').waitFor();
    expect(await notesEnabled()).toBe(false);
    expect(await notes.isChecked()).toBe(false);
    expect(await page.getByTestId('association-lists').locator(`tr[data-list="${listId}"]`).innerText()).toContain('Avstängda');
    await page.close();
  });
});

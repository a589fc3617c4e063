import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { phoneNumber } from '../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import type { StationClient } from '../helpers/station-client.ts';
import { checkIn, describeOnEveryOrigin, inRoomOnly, expectOrigin, pageErrors } from './browser.ts';

const SCREENSHOTS = 'test-results/screenshots';
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

async function link(url: string, kind: 'leader-links' | 'screen-links'): Promise<string> {
  const response = await fetch(`${url}/api/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roomId: 1 }),
  });
  if (response.status !== 201) throw new Error(`${kind}: ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

/** One attempt by a simulated station (a real socket.io client), as the simulator makes them. */
async function call(station: StationClient, outcome: 'conversation' | 'no_answer'): Promise<void> {
  const offered = assignmentOf(await station.emitWithAck('contact:next'));
  const result = await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome });
  if (!result.ok) throw new Error(result.error.message);
}

describeOnEveryOrigin('the call leader’s room board and the big screen in Chromium', (origin, browser) => {
  const inRoom = inRoomOnly(origin);
  let campaign: CampaignServer;
  const pages: Page[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    campaign = await startCampaign({
      lists: [
        { phones: range(1, 30), municipalityCode: '0180', municipalityName: 'Stockholm' },
        { phones: range(100, 30), municipalityCode: '0182', municipalityName: 'Nacka' },
      ],
      stations: 3,
      origin,
    });
  });
  afterAll(async () => {
    await Promise.all(pages.map((page) => page.close()));
    await campaign?.close();
  });
  beforeEach(() => {
    errors = [];
  });

  const open = async (url: string, options: { fakeClock?: boolean } = {}) => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    pages.push(page);
    errors.push(...pageErrors(page));
    if (options.fakeClock) await page.clock.install();
    await page.goto(url);
    await expectOrigin(page, origin);
    return page;
  };

  inRoom('shows the tiles and standings move while stations call, and a paused list empties its station', async () => {
    const [stockholm, nacka] = campaign.lists;
    const board = await open(await link(campaign.url, 'leader-links'));
    await board.getByTestId('tile-1').waitFor();
    expect(await board.getByTestId('tile-1').getAttribute('data-status')).toBe('offline');

    // Station 1 is a volunteer's page calling for Stockholm's association; 2 and 3 are simulated.
    const station = await open(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
    const association = (await campaign.app.store.read((q) => campaign.app.lists.find(q, stockholm!.listId)))!.associationName;
    await checkIn(station, 'Ada', association);
    await station.locator('a.contact-phone').waitFor();
    await expect.poll(() => board.getByTestId('tile-1').getAttribute('data-status')).toBe('on_call');
    await expect.poll(() => board.getByTestId('tile-1').innerText()).toContain('Ada');

    const bots = [await campaign.join(1, { checkin: { name: 'Bo', associationId: nacka!.associationId } }), await campaign.join(2)];
    for (let i = 0; i < 4; i += 1) await call(bots[0]!, i % 2 ? 'no_answer' : 'conversation');
    await call(bots[1]!, 'conversation');
    await expect.poll(() => board.getByTestId('tile-2').getAttribute('data-status')).toBe('waiting');
    await expect.poll(() => board.getByTestId('tile-2').innerText()).toMatch(/Bo[\s\S]*4/);
    // Three skips in a row at station 3: the leader sees them on its tile, in words.
    for (let i = 0; i < 3; i += 1) {
      const offered = assignmentOf(await bots[1]!.emitWithAck('contact:next'));
      await bots[1]!.emitWithAck('contact:skip', { assignmentId: offered.id });
    }
    await expect.poll(() => board.getByTestId('tile-3-warnings').innerText()).toBe('3 hoppade över i rad');

    // The standings move: Nacka's association shows its conversations.
    await board.getByRole('button', { name: 'Hela kampanjen' }).click();
    const nackaRow = board.getByTestId('standings-table').locator(`[data-key="${nacka!.associationId}"]`);
    await expect.poll(() => nackaRow.innerText()).toMatch(/\b2\b/);

    // The leader pauses Stockholm's list: Ada finishes her call, then her station says the list is paused.
    await board.getByTestId(`list-pause-${stockholm!.listId}`).click();
    await expect.poll(() => board.getByTestId(`list-row-${stockholm!.listId}`).getAttribute('data-active')).toBe('false');
    await station.keyboard.press('1');
    await station.getByText('Listan är pausad av samtalsledaren.').waitFor();
    await board.screenshot({ path: `${SCREENSHOTS}/room-board.png`, fullPage: true });
    await station.screenshot({ path: `${SCREENSHOTS}/station-paused.png` });

    // Resuming tells the station at once (no waiting for its next poll).
    await board.getByTestId(`list-resume-${stockholm!.listId}`).click();
    await station.locator('a.contact-phone').waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('makes a big-screen link on the board and copies it (also where the Clipboard API is missing)', async () => {
    const board = await open(await link(campaign.url, 'leader-links'));
    await board.getByRole('button', { name: 'Skapa länk till storbildsskärm' }).click();
    const field = board.getByTestId('screen-link-url');
    await field.waitFor();
    const made = await field.inputValue();
    expect(new URL(made).origin).toBe(campaign.pageUrl);
    await board.getByRole('button', { name: 'Kopiera länken' }).click();
    await expect.poll(() => board.locator('.screen-link .notice').innerText()).toBe('Länken är kopierad.');
    // What the clipboard holds, pasted where a leader would: the message to the room.
    const message = board.locator('#room-message-text');
    await message.focus();
    await board.keyboard.press('ControlOrMeta+V');
    expect(await message.inputValue()).toBe(made);
    expect(errors).toEqual([]);
  });

  inRoom('renders the big screen, which updates live and shows no names or numbers', async () => {
    const screen = await open(await link(campaign.url, 'screen-links'), { fakeClock: true });
    await screen.getByTestId('screen-view-standings').waitFor();
    await screen.screenshot({ path: `${SCREENSHOTS}/big-screen-standings.png` });
    // Step the rotation on to the day's totals: standings, pace, totals, 15 s each.
    await screen.clock.runFor(31_000);
    await screen.getByTestId('screen-view-totals').waitFor();
    const attemptsShown = () => screen.locator('[data-figure="attempts"]').innerText();
    const before = Number(await attemptsShown());
    expect(before).toBe(campaign.app.db.$client.prepare('SELECT count(*) AS n FROM calls').pluck().get());

    await call(await campaign.join(2), 'conversation');
    await expect.poll(async () => Number(await attemptsShown())).toBe(before + 1);
    const text = await screen.locator('body').innerText();
    for (const secret of ['Ada', 'Bo', 'Testare', '070-1', phoneNumber(1)]) expect(text).not.toContain(secret);
    await screen.screenshot({ path: `${SCREENSHOTS}/big-screen-totals.png` });
    expect(errors).toEqual([]);
  });

  inRoom('shows the campaign in figures, standings for this room alone, and downloads the totals as a workbook and as CSV', async () => {
    // The server's rule: the same name (trimmed, any case) for the same association is one person.
    const volunteers = campaign.app.db.$client
      .prepare("SELECT count(DISTINCT lower(trim(name)) || '|' || coalesce(association_id, '')) FROM shifts")
      .pluck()
      .get();
    expect(volunteers).toBe(3); // Ada, Bo and the simulator's Testare

    const boardUrl = await link(campaign.url, 'leader-links');
    expect((await fetch(`${campaign.url}${new URL(boardUrl).pathname}`)).headers.get('content-security-policy')).toContain("default-src 'self'");
    const board = await open(boardUrl);
    const violations: string[] = [];
    board.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const totals = board.getByTestId('volunteer-totals');
    await expect.poll(() => totals.locator('[data-figure="volunteers"]').innerText()).toBe(String(volunteers));
    await totals.getByTestId('volunteer-totals-associations').getByRole('rowheader', { name: 'Hela distriktet' }).waitFor();

    // This room's standings: its stations made every call, so Nacka's association shows Bo's conversations.
    const [, nacka] = campaign.lists;
    await board.getByRole('button', { name: 'Detta rum' }).click();
    await board.getByRole('button', { name: 'Hela kampanjen' }).click();
    expect(await board.getByRole('button', { name: 'Detta rum' }).getAttribute('aria-pressed')).toBe('true');
    expect(await board.getByTestId('standings-table').locator('caption').textContent()).toContain('Detta rum');
    const nackaRow = board.getByTestId('standings-table').locator(`[data-key="${nacka!.associationId}"]`);
    await expect.poll(() => nackaRow.innerText()).toMatch(/\b2\b/);

    // The files come through fetch with the bearer header, then a blob: URL and <a download>, under the page's CSP.
    const [workbook] = await Promise.all([
      board.waitForEvent('download'),
      totals.getByRole('button', { name: 'Ladda ner för Excel' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe('ringstuga-volunteers.xlsx');
    const sheet = await readSheet(readFileSync(await workbook.path()));
    expect(sheet[0]!.slice(0, 4)).toEqual(['scope', 'id', 'name', 'volunteers']);
    expect(sheet[1]!.slice(0, 4)).toEqual(['campaign', null, null, volunteers]);
    const [download] = await Promise.all([
      board.waitForEvent('download'),
      totals.getByRole('button', { name: 'Ladda ner som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ringstuga-volunteers.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    // A BOM first, so Excel reads the file as UTF-8.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, campaignLine] = csv.slice(1).split('\r\n');
    expect(header!.startsWith('scope,id,name,volunteers')).toBe(true);
    expect(campaignLine!.startsWith(`campaign,,,${volunteers},`)).toBe(true);
    expect(await totals.getByRole('alert').count()).toBe(0);
    expect(violations).toEqual([]);
    await board.screenshot({ path: `${SCREENSHOTS}/room-totals.png`, fullPage: true });
  });
});

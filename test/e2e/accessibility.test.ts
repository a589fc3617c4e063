import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OUTCOMES } from '@ringstuga/shared';
import { phoneNumber } from '../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { describeFocus, expectNoSeriousAxeViolations, expectNoSeriousAxeViolationsInBothSchemes, expectReadableAtZoom, expectVisibleFocus, tabUntil } from './a11y.ts';
import { checkIn, describeWithBrowser, launchBrowser } from './browser.ts';

/*
 * WCAG 2.1 AA in the browser, on every page a person uses: the station (before check-in and with a
 * contact), the call leader's room board, the big screen and an association's page. Each page must
 * pass axe with no serious or critical finding, reflow at 200 % zoom, and work from the keyboard.
 *
 * axe and zoom failures are soft: one run lists every problem on the page.
 */

const SCREENSHOTS = 'test-results/screenshots';
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

async function adminPost(url: string, path: string, body: unknown): Promise<string> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

describeWithBrowser('accessibility in Chromium: axe, 200 % zoom and the keyboard', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    campaign = await startCampaign({
      lists: [
        { phones: range(1, 12), municipalityCode: '0180', municipalityName: 'Stockholm' },
        { phones: range(100, 6), municipalityCode: '0182', municipalityName: 'Nacka' },
      ],
      // Stations 1–3 are pages, one per test (a station holds one volunteer); 4 is a simulated caller.
      stations: 4,
    });
    const [stockholm] = campaign.lists;
    // A script and instructions, so the station shows its script panel too.
    campaign.app.db.$client
      .prepare('UPDATE call_lists SET script = ?, instructions = ?')
      .run('Hej! Jag ringer från föreningen inför valet.', 'Fråga om personen vill bli medlem.');
    // A few calls, so standings, pace, tiles and the list's progress have figures to show.
    const caller = await campaign.join(3, { checkin: { name: 'Bo', associationId: stockholm!.associationId } });
    for (const outcome of ['conversation', 'no_answer', 'conversation'] as const) {
      const offered = assignmentOf(await caller.emitWithAck('contact:next'));
      const saved = await caller.emitWithAck('call:outcome', { assignmentId: offered.id, outcome });
      if (!saved.ok) throw new Error(saved.error.message);
    }
    // Bo stays on a call and asks the leader for help: the board shows an open flag and its count.
    const held = assignmentOf(await caller.emitWithAck('contact:next'));
    const flagged = await caller.emitWithAck('call:flag', { message: 'Personen vill prata med någon ansvarig.', assignmentId: held.id });
    if (!flagged.ok) throw new Error(flagged.error.message);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  const open = async (url: string, options: { fakeClock?: boolean } = {}) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    if (options.fakeClock) await page.clock.install();
    await page.goto(url);
    return page;
  };
  const station = (index: number) => open(`${campaign.url}/station#token=${campaign.stations[index]!.token}`);
  const contactShown = (page: Page) => page.locator('a.contact-phone').waitFor();

  it('the station has no serious axe violations before check-in, with a contact, and with the call-back and flag forms open', async () => {
    const page = await station(0);
    await page.getByTestId('checkin-form').waitFor();
    await page.locator('.leaderboard tbody tr').first().waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);

    await checkIn(page, 'Ada');
    await contactShown(page);
    await page.getByTestId('script-panel').waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);

    await page.keyboard.press('2'); // call_back opens the picker
    await page.locator('#callback-at').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press('Escape');

    await page.locator('.flag button').click();
    await page.locator('#flag-message').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.close();
  });

  it('the station reads at 200 % zoom without horizontal scrolling, before check-in and with a contact', async () => {
    const page = await station(1);
    const form = page.getByTestId('checkin-form');
    await form.waitFor();
    await expectReadableAtZoom(
      page,
      [form.locator('#checkin-name'), form.locator('#checkin-association'), form.getByRole('button', { name: 'Checka in' }), page.locator('.leaderboard h2')],
      { screenshot: `${SCREENSHOTS}/a11y-zoom-station-checkin.png` },
    );

    await checkIn(page, 'Cai');
    await contactShown(page);
    await expectReadableAtZoom(
      page,
      [
        page.locator('a.contact-phone'),
        page.locator('#contact-name'),
        page.locator('.outcome').first(),
        page.locator('.outcome').last(),
        page.locator('#note'),
        page.locator('.record-footer button'),
        page.getByTestId('script-text'),
        page.getByTestId('shift-panel').locator('button'),
      ],
      { screenshot: `${SCREENSHOTS}/a11y-zoom-station-contact.png` },
    );
    await page.close();
  });

  it('a volunteer checks in, reaches the call link and records outcomes with Tab, Enter and number keys alone', async () => {
    const page = await station(2);
    const form = page.getByTestId('checkin-form');
    await form.waitFor();

    await tabUntil(page, form.locator('#checkin-name'), 5);
    await expectVisibleFocus(page);
    await page.keyboard.type('Dag');
    await tabUntil(page, form.locator('#checkin-association'), 3);
    await expectVisibleFocus(page);
    // A closed select takes the arrow keys: the first choice after "Välj…" is the whole district.
    await page.keyboard.press('ArrowDown');
    expect(await form.locator('#checkin-association option:checked').innerText()).toBe('Hela distriktet (alla listor)');
    await tabUntil(page, form.getByRole('button', { name: 'Checka in' }), 30);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });

    // A new contact puts focus on its number: Enter dials it.
    const phone = page.locator('a.contact-phone');
    await phone.waitFor();
    await expect.poll(() => describeFocus(page)).toMatch(/^a\.contact-phone /);
    await tabUntil(page, phone, 0);
    await expectVisibleFocus(page);
    expect(await phone.getAttribute('href')).toMatch(/^tel:\+46/);
    const first = await phone.innerText();

    // Key 1 records a conversation and brings the next contact, focused on its number again.
    await page.keyboard.press('1');
    await expect.poll(() => phone.innerText(), { timeout: 5_000 }).not.toBe(first);
    await expect.poll(() => describeFocus(page)).toMatch(/^a\.contact-phone /);
    const second = await phone.innerText();

    // The outcome buttons are reached with Tab too, and Enter records.
    await page.waitForTimeout(700); // input is ignored for 600 ms after a save
    const noAnswer = page.getByRole('button', { name: 'Inget svar' });
    await tabUntil(page, noAnswer, 20);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => phone.innerText(), { timeout: 5_000 }).not.toBe(second);
    const third = await phone.innerText();
    const calls = () =>
      campaign.app.db.$client
        .prepare('SELECT c.outcome FROM calls c JOIN shifts s ON s.id = c.shift_id WHERE s.name = ? ORDER BY c.id')
        .pluck()
        .all('Dag');
    expect(calls()).toEqual(['conversation', 'no_answer']);

    // The last button's advertised key works too: where a range of number keys breaks first. It is
    // the language barrier, which asks for the person's language: chosen and saved by keyboard.
    const last = page.locator('.outcome').last();
    const key = await last.getAttribute('aria-keyshortcuts');
    expect(key).toBe(String(OUTCOMES.length));
    await page.waitForTimeout(700);
    await page.keyboard.press(key!);
    const language = page.getByLabel('Vilket språk talar personen?');
    await expect.poll(() => language.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, page.getByRole('button', { name: 'Spara språkhinder' }), 3);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => phone.innerText(), { timeout: 5_000 }).not.toBe(third);
    expect(calls()).toEqual(['conversation', 'no_answer', OUTCOMES.at(-1)]);
    await page.close();
  });

  it('the room board has no serious axe violations and reads at 200 % zoom', async () => {
    const board = await open(await adminPost(campaign.url, '/api/leader-links', { roomId: 1 }));
    await board.getByTestId('tile-1').waitFor();
    await board.getByTestId('volunteer-totals').locator('[data-figure="volunteers"]').waitFor();
    await board.locator('[data-testid^="flag-"]').first().waitFor();
    // A paused list has its own colours: pause Nacka's for the check, and resume it after.
    const [, nacka] = campaign.lists;
    const nackaRow = board.getByTestId(`list-row-${nacka!.listId}`);
    await board.getByTestId(`list-pause-${nacka!.listId}`).click();
    await expect.poll(() => nackaRow.getAttribute('data-active')).toBe('false');
    await expectNoSeriousAxeViolationsInBothSchemes(board);
    await board.getByTestId(`list-resume-${nacka!.listId}`).click();
    await expect.poll(() => nackaRow.getAttribute('data-active')).toBe('true');

    const [stockholm] = campaign.lists;
    await expectReadableAtZoom(
      board,
      [
        board.locator('h1'),
        board.getByTestId('tile-1'),
        board.getByTestId('tile-4'),
        board.getByTestId(`list-pause-${stockholm!.listId}`),
        board.locator('#room-message-text'),
        board.getByRole('button', { name: 'Hela kampanjen' }),
      ],
      { screenshot: `${SCREENSHOTS}/a11y-zoom-room.png` },
    );
    await board.close();
  });

  it('the call leader pauses and resumes a list with the keyboard alone', async () => {
    const [stockholm] = campaign.lists;
    const board = await open(await adminPost(campaign.url, '/api/leader-links', { roomId: 1 }));
    const row = board.getByTestId(`list-row-${stockholm!.listId}`);
    await row.waitFor();

    // Past the tiles, flags, message, standings and totals: some two dozen stops, and no skip link.
    await tabUntil(board, board.getByTestId(`list-pause-${stockholm!.listId}`), 60);
    await expectVisibleFocus(board);
    await board.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    // The same button now resumes, and keeps focus: Enter again undoes the pause.
    await expect.poll(() => describeFocus(board)).toMatch(/Återuppta/);
    await expectVisibleFocus(board);
    await board.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-active')).toBe('true');
    await board.close();
  });

  it('the big screen has no serious axe violations in any of its views and reads at 200 % zoom', async () => {
    const screen = await open(await adminPost(campaign.url, '/api/screen-links', { roomId: 1 }), { fakeClock: true });
    // Each view with what it is for: the standings table, the hour's figures, the day's totals.
    const views = {
      standings: screen.getByTestId('screen-standings'),
      pace: screen.locator('.pace-figures'),
      totals: screen.locator('[data-figure="conversations"]'),
    };
    for (const [view, figures] of Object.entries(views)) {
      await screen.getByTestId(`screen-view-${view}`).waitFor();
      await expectNoSeriousAxeViolations(screen);
      await expectReadableAtZoom(screen, [screen.locator('h1'), screen.locator('h2'), figures, screen.getByTestId('screen-indicator')], {
        screenshot: `${SCREENSHOTS}/a11y-zoom-screen-${view}.png`,
      });
      await screen.clock.runFor(15_500);
    }
    await screen.close();
  });

  it('the association page, with a list’s progress open, has no serious axe violations and reads at 200 % zoom', async () => {
    const [stockholm] = campaign.lists;
    const page = await open(await adminPost(campaign.url, `/api/associations/${stockholm!.associationId}/access`, { label: 'a11y' }));
    await page.getByTestId('association-lists').getByRole('rowheader').first().waitFor();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: /^Visa listan / }).first().click();
    await page.getByTestId('list-figures').waitFor();
    // The open list's button keeps its visible word, so its name still matches it (WCAG 2.5.3).
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    await expectReadableAtZoom(
      page,
      [
        page.locator('h1'),
        page.getByTestId('association-lists'),
        page.locator('#list-view-heading'),
        page.getByTestId('list-figures'),
        page.getByRole('button', { name: 'Exportera kontakter (CSV)' }),
      ],
      { screenshot: `${SCREENSHOTS}/a11y-zoom-association.png` },
    );
    await page.close();
  });

  it('the association opens a list’s progress with the keyboard alone', async () => {
    const [stockholm] = campaign.lists;
    const page = await open(await adminPost(campaign.url, `/api/associations/${stockholm!.associationId}/access`, { label: 'a11y' }));
    const openList = page.getByRole('button', { name: /^Visa listan / }).first();
    await openList.waitFor();

    await tabUntil(page, openList, 10);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    // Focus lands on the opened list's heading, and its progress is there.
    await expect.poll(() => describeFocus(page)).toMatch(/^h2#list-view-heading /);
    await expectVisibleFocus(page);
    await page.getByTestId('list-figures').waitFor();
    expect(Number(await page.getByTestId('list-figures').locator('[data-figure="attempts"]').innerText())).toBeGreaterThan(0);
    const refresh = page.getByTestId('list-progress').getByRole('button', { name: 'Uppdatera' });
    await tabUntil(page, refresh, 5);
    await expectVisibleFocus(page);
    await Promise.all([page.waitForResponse(/\/api\/lists\/\d+\/progress/), page.keyboard.press('Enter')]);
    await page.close();
  });
});

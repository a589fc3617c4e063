import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Question } from '@ringstuga/shared';
import { phoneNumber } from '../factories/campaign.ts';
import { createAssociationLink } from '../helpers/admin-setup.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { describeFocus, expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { checkIn, describeInRoom, expectOrigin, pageErrors } from './browser.ts';

/*
 * Questions asked in the call (issue 15), end to end: the station answers them with the keyboard
 * alone, the association edits them and reads the answers (the board and the big screen are in
 * questions-board.test.ts). These need questions-server's routes, card and answers (GET/PUT
 * /api/lists/{id}/questions, GET /api/lists/{id}/answers, `answers` stored with call:outcome):
 * they pass once that branch is merged.
 */

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

const QUESTIONS: Question[] = [
  { key: 'rostar', kind: 'yes_no', text: { sv: 'Tänker du rösta?', en: 'Will you vote?' } },
  {
    key: 'fraga_viktigast',
    kind: 'choice',
    text: { sv: 'Vilken fråga är viktigast?' },
    options: [
      { key: 'skola', text: { sv: 'Skolan' } },
      { key: 'vard', text: { sv: 'Vården' } },
      { key: 'jobb', text: { sv: 'Jobben' } },
    ],
  },
  { key: 'viktigt', kind: 'scale', text: { sv: 'Hur viktigt är valet?' } },
];

describeInRoom('questions in the call, in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  let listId: number;
  let associationUrl: string;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 8), municipalityCode: '0180', municipalityName: 'Stockholm' }], stations: 1, origin });
    listId = campaign.lists[0]!.listId;
    const saved = await api(campaign.url, 'PUT', `/api/lists/${listId}/questions`, ADMIN_TOKEN, { questions: QUESTIONS });
    if (saved.status !== 200) throw new Error(`PUT questions: ${saved.status}`);
    associationUrl = (await createAssociationLink(campaign.url, campaign.lists[0]!.associationId, 'e2e')).url;
  });
  afterAll(async () => {
    await campaign?.close();
  });

  const open = async (url: string, options: { fakeClock?: boolean } = {}) => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    if (options.fakeClock) await page.clock.install();
    await page.goto(url);
    await expectOrigin(page, origin);
    return page;
  };
  const answersInDb = () =>
    campaign.app.db.$client.prepare('SELECT question_key AS question, value FROM call_answers ORDER BY question_key').all();

  it('answers the questions of a conversation with the keyboard alone, and the answers reach the database', async () => {
    const page = await open(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
    const errors = pageErrors(page);
    await checkIn(page, 'Ada');
    const phone = page.locator('a.contact-phone');
    await phone.waitFor();
    const first = await phone.innerText();

    // 1 = conversation: the questions open instead of saving; Escape goes back, focus on "Samtal".
    await page.keyboard.press('1');
    const panel = page.getByRole('region', { name: 'Frågor' });
    await panel.waitFor();
    expect(await page.locator('.outcomes').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.outcomes').waitFor();
    await expect.poll(() => describeFocus(page)).toMatch(/^button\.outcome\.outcome-conversation /);
    expect(await phone.innerText()).toBe(first);

    await page.keyboard.press('1');
    await panel.waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    // The keys go where the focus is: into the questions once they have it.
    await expect.poll(() => page.evaluate<boolean>("!!document.activeElement?.closest('section.questions')")).toBe(true);
    // Yes/no: 1 = Ja. ↓, then the choice's 3 = Jobben, then ← back to Vården. ↓, the scale: → four times = 4.
    await page.keyboard.press('1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('3');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => panel.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await expect.poll(() => panel.getByRole('radio', { name: 'Vården' }).isChecked()).toBe(true);
    await expect.poll(() => panel.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => phone.innerText()).not.toBe(first);
    expect(answersInDb()).toEqual([
      { question: 'fraga_viktigast', value: 'vard' },
      { question: 'rostar', value: 'yes' },
      { question: 'viktigt', value: '4' },
    ]);
    expect(campaign.app.db.$client.prepare('SELECT outcome FROM calls').pluck().all()).toEqual(['conversation']);

    // Unanswered questions are left out: the next conversation saves with none. (A key within 600 ms
    // of a save is dropped, so a double press cannot record the next contact: wait that out.)
    await page.waitForTimeout(700);
    await page.keyboard.press('1');
    await panel.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => campaign.app.db.$client.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(2);
    expect(answersInDb()).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edits the questions on the association page, says a refusal in words, and shows the answers per question', async () => {
    const page = await open(associationUrl);
    await page.getByRole('button', { name: /^Visa listan / }).first().click();
    const editor = page.getByTestId('questions-editor');
    await editor.getByRole('group', { name: 'Fråga 3' }).waitFor();

    await editor.getByRole('button', { name: 'Ny fråga: Vill du hjälpa till?' }).click();
    const added = editor.getByRole('group', { name: 'Fråga 4' });
    expect(await added.getByLabel('Frågan på svenska').inputValue()).toBe('Vill du hjälpa till?');
    expect(await added.getByLabel('Nyckel').inputValue()).toBe('vill_du_hjalpa_till');
    // The key follows the text until the volunteer types one.
    await added.getByLabel('Frågan på svenska').fill('Vill du hjälpa oss i höst?');
    expect(await added.getByLabel('Nyckel').inputValue()).toBe('vill_du_hjalpa_oss_i_host');
    // Moved to the top, saved; the saved key is read-only.
    for (const n of [4, 3, 2]) await editor.getByRole('button', { name: `Flytta fråga ${n} uppåt` }).click();
    await editor.getByRole('button', { name: 'Spara frågorna' }).click();
    await editor.getByText('Sparat: 4 frågor.').waitFor();
    const listed = await api(campaign.url, 'GET', `/api/lists/${listId}/questions`, ADMIN_TOKEN);
    const keys = ((await listed.json()) as { questions: { key: string }[] }).questions.map((q) => q.key);
    expect(keys).toEqual(['vill_du_hjalpa_oss_i_host', 'rostar', 'fraga_viktigast', 'viktigt']);
    expect(await editor.getByRole('group', { name: 'Fråga 1' }).getByLabel('Nyckel').getAttribute('readonly')).not.toBeNull();

    // Two questions with one key: the server refuses, and the page says why.
    await editor.getByRole('button', { name: 'Ny ja/nej-fråga' }).click();
    const twin = editor.getByRole('group', { name: 'Fråga 5' });
    await twin.getByLabel('Frågan på svenska').fill('Tänker du rösta?');
    await twin.getByLabel('Nyckel').fill('rostar');
    await editor.getByRole('button', { name: 'Spara frågorna' }).click();
    await expect.poll(() => editor.getByRole('alert').innerText()).toMatch(/question keys must differ/);
    await editor.getByRole('button', { name: 'Ta bort frågan' }).last().click();

    const answers = page.getByTestId('answers-panel');
    // The station test's conversation answered "rostar" once.
    await answers.locator('[data-question="rostar"] [data-answered="1"]').waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    await page.close();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { phoneNumber } from '../factories/campaign.ts';
import { createLink } from '../helpers/admin-setup.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

/*
 * The room board's question totals and the big screen's question view (issue 15). The questions and
 * answers are written straight into the database, as a saved set and recorded calls leave them, so
 * this needs nothing of questions-server's routes.
 */

describeInRoom('question totals on the room board and the big screen, in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  let listId: number;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)], municipalityCode: '0180', municipalityName: 'Stockholm' }], stations: 1, origin });
    listId = campaign.lists[0]!.listId;
    const sqlite = campaign.app.db.$client;
    sqlite
      .prepare("INSERT INTO list_questions (list_id, key, kind, text, position) VALUES (?, 'rostar', 'yes_no', ?, 0)")
      .run(listId, JSON.stringify({ sv: 'Tänker du rösta?', en: 'Will you vote?' }));
    // Three yes and two no of people no longer in the database: counts, as the archive keeps them.
    const archive = sqlite.prepare("INSERT INTO answer_archive (list_id, question_key, value, district, count) VALUES (?, 'rostar', ?, '', ?)");
    archive.run(listId, 'yes', 3);
    archive.run(listId, 'no', 2);
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

  it("counts the answers on the room board and rotates the chosen question's bars onto the big screen", async () => {
    const leader = await open((await createLink(campaign.url, 'leader', { roomId: 1 })).url);
    const errors = pageErrors(leader);
    const question = leader.getByTestId('question-totals').locator(`[data-list="${listId}"] [data-question="rostar"]`);
    await question.waitFor();
    expect(await question.locator('[data-value]').allInnerTexts()).toEqual(['Ja 3', 'Nej 2']);

    const screen = await open((await createLink(campaign.url, 'screen', { roomId: 1 })).url, { fakeClock: true });
    await screen.getByTestId('screen-view-standings').waitFor();
    expect(await screen.getByTestId('screen-indicator').innerText()).toMatch(/av 3/);
    const show = question.getByRole('button', { name: 'Visa på storskärmen: Tänker du rösta?' });
    await show.click();
    await expect.poll(() => show.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => screen.getByTestId('screen-indicator').innerText()).toMatch(/av 4/);
    // Standings, pace, totals, then the question: 15 s each.
    await screen.clock.runFor(46_000);
    const shown = screen.getByTestId('screen-view-question');
    await shown.waitFor();
    expect(await shown.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Tänker du rösta?: Ja 3, Nej 2');
    const listName = campaign.app.db.$client.prepare('SELECT name FROM call_lists WHERE id = ?').pluck().get(listId) as string;
    expect(await shown.innerText()).toContain(listName);
    await expectNoSeriousAxeViolationsInBothSchemes(leader);
    await expectNoSeriousAxeViolationsInBothSchemes(screen);

    // Taken off again: the screen goes back to three views.
    await show.click();
    await expect.poll(() => screen.getByTestId('screen-indicator').innerText()).toMatch(/av 3/);
    expect(errors).toEqual([]);
    await Promise.all([leader.close(), screen.close()]);
  });
});

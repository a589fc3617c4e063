import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { manualClock, startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { askWantsToHelp, conversationWantingToHelp } from '../helpers/wants-to-help.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolationsInBothSchemes } from './a11y.ts';
import { describeOnEveryOrigin, expectOrigin, pageErrors } from './browser.ts';

const HOUR = 3_600_000;

describeOnEveryOrigin('an association’s “Nya hjälpare” panel in Chromium', (origin, browser) => {
  const clock = manualClock(Date.now());
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }], stations: 1, origin, now: clock.now });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  it('lists a new helper, copies their sign-up link (also without the Clipboard API), offers sms and email, and marks it sent', async () => {
    const { associationId, listId, contactIds } = campaign.lists[0]!;
    // Lo said yes to "Vill du hjälpa till?" in a conversation at a station.
    campaign.app.db.$client.prepare('UPDATE contacts SET name = ? WHERE id = ?').run('Lo Åberg', contactIds[0]);
    await askWantsToHelp(campaign.url, listId);
    await conversationWantingToHelp(campaign, await campaign.join(0), campaign.stations[0]!.number, listId);
    const startsAt = clock.now() + 24 * HOUR;
    await expectStatus(api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString() }), 201);
    const access = await expectStatus<{ url: string }>(api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label: 'e2e' }), 201);

    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(access.url);
    await expectOrigin(page, origin);

    const panel = page.getByTestId('new-helpers-panel');
    await panel.getByRole('heading', { name: 'Nya hjälpare' }).waitFor();
    const lo = panel.getByTestId('new-helpers-list').locator('li', { hasText: 'Lo Åberg' });
    await lo.waitFor();
    expect(await lo.getByRole('link', { name: '070-100 00 01' }).getAttribute('href')).toBe(`tel:${phoneNumber(1)}`);
    const link = await lo.getByTestId('new-helper-link').inputValue();
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    expect(new URL(link).pathname).toBe('/signup');
    await expectNoSeriousAxeViolationsInBothSchemes(page);

    // Copied: through the Clipboard API on 127.0.0.1, through the field where it is missing.
    await lo.getByRole('button', { name: 'Kopiera' }).click();
    await expect.poll(() => lo.locator('.copy-link .notice').innerText()).toBe('Kopierad.');
    // Pasted where a coordinator would write the message: a field of the test's own, with no length limit.
    await page.evaluate("document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-here' }))");
    const paste = page.locator('#paste-here');
    await paste.focus();
    await page.keyboard.press('ControlOrMeta+V');
    expect(await paste.inputValue()).toBe(link);
    await page.evaluate("document.getElementById('paste-here').remove()");

    const sms = decodeURIComponent((await lo.getByRole('link', { name: 'Skicka sms' }).getAttribute('href'))!);
    expect(sms).toBe(`sms:${phoneNumber(1)}?body=Hej Lo Åberg! Tack för att du vill hjälpa till. Boka ett ringpass här: ${link}`);
    expect(decodeURIComponent((await lo.getByRole('link', { name: 'Skicka e-post' }).getAttribute('href'))!)).toContain(`&body=Hej Lo Åberg! Tack för att du vill hjälpa till. Boka ett ringpass här: ${link}`);

    await lo.getByTestId('new-helper-status').getByText('Länken är inte skickad än.').waitFor();
    await lo.getByRole('button', { name: 'Markera skickad' }).click();
    await lo.getByTestId('new-helper-status').getByText(/^Skickad /).waitFor();
    expect(await lo.getByRole('button', { name: 'Markera skickad' }).count()).toBe(0);
    const sent = campaign.app.db.$client.prepare('SELECT sign_up_sent_at FROM new_helpers').pluck().get();
    expect(sent).toBe(clock.now());

    // The link opens the sign-up with Lo and the association filled in.
    const signup = await context.newPage();
    await signup.goto(link);
    await signup.getByTestId('signup-form').waitFor();
    expect(await signup.locator('#signup-name').inputValue()).toBe('Lo Åberg');
    expect(await signup.locator('#signup-phone').inputValue()).toBe(phoneNumber(1));
    expect(await signup.locator('#signup-association').inputValue()).toBe(String(associationId));
    expect(errors).toEqual([]);
  });
});

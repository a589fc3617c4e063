import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolations } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

const HOUR = 3_600_000;

describeInRoom('an association’s teams and pledges in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }], stations: 4, origin });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  it('books a team into a session whose link fills only its places, and records a pledge whose progress counts the person’s bookings', async () => {
    const { associationId } = campaign.lists[0]!;
    const startsAt = Date.now() + 30 * HOUR;
    const { sessions } = await expectStatus<{ sessions: { id: number }[] }>(
      api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity: 4 }),
      201,
    );
    const sessionId = sessions[0]!.id;
    const access = await expectStatus<{ url: string }>(api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label: 'e2e' }), 201);

    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(access.url);
    await expectOrigin(page, origin);

    // A team of two in the session: its link is shown to share.
    const teams = page.getByTestId('teams-panel');
    await teams.getByLabel('Pass').selectOption({ value: String(sessionId) });
    await teams.getByLabel('Antal platser').fill('2');
    await teams.getByLabel('Lagkaptenens namn').fill('Kim');
    await teams.getByRole('button', { name: 'Boka lag' }).click();
    const teamLink = await teams.getByTestId('team-link').inputValue();
    expect(new URL(teamLink).origin).toBe(campaign.pageUrl);
    expect(new URL(teamLink).pathname).toBe('/signup');
    await expect.poll(() => teams.getByTestId('teams-table').locator('tbody tr').innerText()).toMatch(/Kim\s+2\s+0/);
    // The session now offers the two places fewer.
    expect(await teams.getByLabel('Pass').locator(`option[value="${sessionId}"]`).innerText()).toContain('2 platser lediga');

    // A member signs up through the team's link: the association is fixed, the session chosen.
    const member = await context.newPage();
    errors.push(...pageErrors(member));
    await member.goto(teamLink);
    await member.getByRole('heading', { name: /Anmäl dig till laget från/ }).waitFor();
    const form = member.getByTestId('signup-form');
    expect(await member.getByTestId(`session-${sessionId}`).getByRole('checkbox').isChecked()).toBe(true);
    expect(await member.getByTestId(`session-${sessionId}`).innerText()).toContain('2 platser lediga');
    await form.getByLabel('Förnamn').fill('Lo');
    await form.getByLabel('Mobilnummer').fill('070-111 22 33');
    await form.getByLabel('Jag har läst texten').check();
    await form.getByRole('button', { name: 'Anmäl mig' }).click();
    expect(await member.getByTestId('signed-up').innerText()).toContain('1 pass är bokat.');
    await page.reload();
    await expect.poll(() => page.getByTestId('teams-table').locator('tbody tr').innerText()).toMatch(/Kim\s+2\s+1/);

    // A pledge for a candidate: two sessions by a date; the candidate's link is shown to share.
    const pledges = page.getByTestId('pledges-panel');
    await pledges.getByLabel('Namn', { exact: true }).fill('Kandidat Karin');
    await pledges.getByLabel('Antal pass').fill('2');
    // Sessions before the date count: the picker starts tomorrow (the campaign's clock), and today is refused before it is sent.
    const today = DateTime.now().setZone('Europe/Stockholm');
    expect(await pledges.getByLabel('Senast datum').getAttribute('min')).toBe(today.plus({ days: 1 }).toISODate());
    await pledges.getByLabel('Senast datum').fill(today.toISODate()!);
    await pledges.getByRole('button', { name: 'Spara löftet' }).click();
    expect(await pledges.getByRole('alert').innerText()).toBe('Välj ett datum efter i dag: pass före datumet räknas.');
    await pledges.getByLabel('Senast datum').fill(new Date(startsAt + 30 * 24 * HOUR).toISOString().slice(0, 10));
    await pledges.getByRole('button', { name: 'Spara löftet' }).click();
    const personal = await pledges.getByTestId('pledge-link').inputValue();
    expect(new URL(personal).pathname).toBe('/me');
    const row = pledges.getByTestId('pledges-table').locator('tbody tr', { hasText: 'Kandidat Karin' });
    expect(await row.locator('[data-figure="toGo"]').innerText()).toBe('2');
    // Karin books the session from her link: the association sees it booked, and so does she.
    const token = new URLSearchParams(new URL(personal).hash.slice(1)).get('token')!;
    await expectStatus(api(campaign.url, 'POST', '/api/me/bookings', token, { sessionIds: [sessionId] }), 201);
    await page.reload();
    await expect.poll(() => page.getByTestId('pledges-table').locator('tbody tr', { hasText: 'Kandidat Karin' }).locator('[data-figure="booked"]').innerText()).toBe('1');
    await expectNoSeriousAxeViolations(page);

    const karin = await context.newPage();
    errors.push(...pageErrors(karin));
    await karin.goto(personal);
    await karin.getByRole('heading', { name: 'Mina löften' }).waitFor();
    expect(await karin.locator('.pledge-list').innerText()).toContain('2 pass till');
    expect(errors).toEqual([]);
  });

  it('shows the times and the pledge form’s first date on the campaign’s clock, in a zone far from Stockholm', async () => {
    const auckland = await startCampaign({ lists: [{ phones: [phoneNumber(2)] }], stations: 2, origin, env: { TIME_ZONE: 'Pacific/Auckland' } });
    try {
      const { associationId } = auckland.lists[0]!;
      // 18:00–20:00 in Auckland two weeks from now, whatever the day the test runs.
      const inAuckland = DateTime.now().setZone('Pacific/Auckland').plus({ weeks: 2 });
      const startsAt = inAuckland.set({ hour: 18, minute: 0, second: 0, millisecond: 0 }).toMillis();
      const session = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity: 2 };
      await expectStatus(api(auckland.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, session), 201);
      const access = await expectStatus<{ url: string }>(api(auckland.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, { label: 'e2e' }), 201);
      const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
      contexts.push(context);
      const page = await context.newPage();
      const errors = pageErrors(page);
      // The device's clock at 09:00 in Auckland, a week from now: still the day before in Stockholm
      // (20:00 or 22:00 there), so the first date a pledge may take is the day after Auckland's.
      const morning = DateTime.now().setZone('Pacific/Auckland').plus({ weeks: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
      await page.clock.setFixedTime(new Date(morning.toMillis()));
      await page.goto(access.url);
      await expect.poll(() => page.getByTestId('teams-panel').getByLabel('Pass').locator('option').nth(1).innerText()).toContain('18:00–20:00');
      expect(morning.setZone('Europe/Stockholm').toISODate()).not.toBe(morning.toISODate());
      await expect.poll(() => page.getByTestId('pledges-panel').getByLabel('Senast datum').getAttribute('min')).toBe(morning.plus({ days: 1 }).toISODate());
      expect(errors).toEqual([]);
    } finally {
      await auckland.close();
    }
  });
});

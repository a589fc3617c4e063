import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { en } from '../../client/src/i18n/en.ts';
import { sv } from '../../client/src/i18n/sv.ts';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolationsInBothSchemes, expectReadableAtZoom, expectVisibleFocus, tabUntil } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

/*
 * The sign-up page and the personal page for everyone: axe in both colour schemes, 200 % zoom,
 * a sign-up with the keyboard alone, and the language switch, on 127.0.0.1 and over a room's
 * plain HTTP.
 */

const HOUR = 3_600_000;
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;

describeInRoom('the sign-up page and the personal page: axe, 200 % zoom, the keyboard and the language switch', (origin, browser) => {
  let campaign: CampaignServer;
  let associationId: number;
  let sessionIds: number[];
  let signupUrl: string;
  let signupToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }], stations: 4, origin });
    associationId = campaign.lists[0]!.associationId;
    sessionIds = [];
    for (const hoursAhead of [48, 72]) {
      const startsAt = Date.now() + hoursAhead * HOUR;
      const body = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity: 3 };
      const made = await expectStatus<{ sessions: { id: number }[] }>(api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body), 201);
      sessionIds.push(made.sessions[0]!.id);
    }
    const link = await expectStatus<{ url: string; token: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, { roomId: 1 }), 201);
    signupUrl = link.url;
    signupToken = link.token;
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  /** A fresh device: its own storage, so a language chosen in one test does not carry to the next. */
  async function newPage(options = {}): Promise<Page> {
    const context = await browser().newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  let people = 0;
  /** A person signed up through the API, with their personal page's address. */
  async function signedUp(name: string): Promise<string> {
    people += 1;
    const made = await expectStatus<{ url: string }>(
      api(campaign.url, 'POST', '/api/signup/bookings', signupToken, {
        sessionIds: [sessionIds[0]!],
        name,
        associationId,
        email: `person${people}@example.org`,
        consent: true,
      }),
      201,
    );
    return made.url;
  }

  it('/signup and /me have no serious axe violations in either colour scheme and read at 200 % zoom', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    const errors = pageErrors(page);
    await page.goto(signupUrl);
    await expectOrigin(page, origin);
    const form = page.getByTestId('signup-form');
    await form.waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    await expectReadableAtZoom(page, [
      page.locator('h1'),
      page.getByTestId(`session-${sessionIds[0]}`).getByRole('checkbox'),
      form.getByLabel('Förnamn'),
      form.getByLabel('E-postadress'),
      form.getByLabel('Jag har läst texten'),
      form.getByRole('button', { name: 'Anmäl mig' }),
    ]);

    await page.goto(await signedUp('Ella'));
    await page.getByRole('heading', { name: 'Hej Ella' }).waitFor();
    await page.getByRole('img', { name: 'QR-kod med din personliga länk' }).waitFor();
    await expectNoSeriousAxeViolationsInBothSchemes(page);
    await expectReadableAtZoom(page, [
      page.getByRole('heading', { name: 'Hej Ella' }),
      page.locator('[data-testid^="booking-"]').first(),
      page.getByRole('button', { name: 'Avboka' }).first(),
      page.getByRole('img', { name: 'QR-kod med din personliga länk' }),
      page.getByRole('button', { name: 'Radera mina uppgifter' }),
    ]);
    expect(errors).toEqual([]);
  });

  it('a volunteer signs up with the keyboard alone: Tab to a session, Space, type the details, Enter', async () => {
    const page = await newPage(PHONE);
    const errors = pageErrors(page);
    await page.goto(signupUrl);
    const form = page.getByTestId('signup-form');
    await form.waitFor();
    const session = page.getByTestId(`session-${sessionIds[1]}`).getByRole('checkbox');
    await tabUntil(page, session);
    await expectVisibleFocus(page);
    await page.keyboard.press('Space');
    expect(await session.isChecked()).toBe(true);
    await tabUntil(page, form.getByLabel('Förnamn'));
    await page.keyboard.type('Tove');
    await tabUntil(page, form.getByLabel('Förening'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => form.getByLabel('Förening').inputValue()).toBe(String(associationId));
    await tabUntil(page, form.getByLabel('E-postadress'));
    await page.keyboard.type('tove@example.org');
    const consent = form.getByLabel('Jag har läst texten');
    await tabUntil(page, consent);
    await page.keyboard.press('Space');
    expect(await consent.isChecked()).toBe(true);
    await tabUntil(page, form.getByRole('button', { name: 'Anmäl mig' }));
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');

    const done = page.getByTestId('signed-up');
    await done.waitFor();
    expect(await done.innerText()).toContain('1 pass är bokat.');
    const booked = campaign.app.db.$client
      .prepare("SELECT b.status FROM bookings b JOIN volunteers v ON v.id = b.volunteer_id WHERE v.email = 'tove@example.org'")
      .pluck()
      .all();
    expect(booked).toEqual(['booked']);
    // The answer, the personal link, is reached from the keyboard too.
    await tabUntil(page, page.getByTestId('personal-link'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hej Tove' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the language switch turns /signup and /me to English, and each remembers it after a reload', async () => {
    const page = await newPage(PHONE);
    const errors = pageErrors(page);
    const heading = (text: string) => page.getByRole('heading', { name: text, exact: true });
    await page.goto(signupUrl);
    await expectOrigin(page, origin);
    await heading(sv.signup.sessionsHeading).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page.getByTestId('language-switch').selectOption('en');
    await heading(en.signup.sessionsHeading).waitFor();
    await heading(en.signup.detailsHeading).waitFor();
    expect(await heading(sv.signup.sessionsHeading).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await heading(en.signup.sessionsHeading).waitFor();

    // The choice belongs to the device: the personal page opens in English at once.
    await page.goto(await signedUp('Siri'));
    await heading(en.me.bookingsHeading).waitFor();
    await page.getByTestId('language-switch').selectOption('sv');
    await heading(sv.me.bookingsHeading).waitFor();
    await page.getByTestId('language-switch').selectOption('en');
    await heading(en.me.bookingsHeading).waitFor();
    await page.reload();
    await heading(en.me.bookingsHeading).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
  });
});

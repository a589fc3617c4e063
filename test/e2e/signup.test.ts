import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolations } from './a11y.ts';
import { describeInRoom, expectOrigin, pageErrors } from './browser.ts';

/** The smallest phone the pages are made for. */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;
const HOUR = 3_600_000;

describeInRoom('signing up and the personal page on a phone, in Chromium', (origin, browser) => {
  let campaign: CampaignServer;
  let association: { id: number; name: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }], stations: 4, origin });
    const id = campaign.lists[0]!.associationId;
    const row = campaign.app.db.$client.prepare('SELECT name FROM associations WHERE id = ?').get(id) as { name: string };
    association = { id, name: row.name };
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = PHONE): Promise<Page> {
    const context = await browser().newContext({ ...options, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  /** A two-hour session in room 1, `hoursAhead` from now. */
  async function session(hoursAhead: number, capacity: number): Promise<number> {
    const startsAt = Date.now() + hoursAhead * HOUR;
    const body = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity };
    const made = await expectStatus<{ sessions: { id: number }[] }>(api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body), 201);
    return made.sessions[0]!.id;
  }

  const statusOf = (bookingId: number) =>
    (campaign.app.db.$client.prepare('SELECT status FROM bookings WHERE id = ?').get(bookingId) as { status: string }).status;

  it('signs up for two sessions on a phone, opens the personal page, cancels from an email link only once asked, and the first one waiting gets the place', async () => {
    const first = await session(48, 1);
    const second = await session(72, 2);
    const link = await expectStatus<{ url: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201);
    expect(new URL(link.url).pathname).toBe('/signup');

    const page = await newPage();
    const errors = pageErrors(page);
    await page.goto(link.url);
    await expectOrigin(page, origin);
    const form = page.getByTestId('signup-form');
    await form.waitFor();
    expect(await page.getByTestId(`session-${first}`).innerText()).toContain('1 plats ledig');
    expect(await page.getByTestId(`session-${second}`).innerText()).toContain('2 platser lediga');

    // Sent without a choice, the form says what is missing and moves focus there; nothing is booked.
    await form.getByRole('button', { name: 'Anmäl mig' }).click();
    expect(await form.innerText()).toContain('Välj minst ett pass.');
    await page.getByTestId(`session-${first}`).getByRole('checkbox').check();
    await page.getByTestId(`session-${second}`).getByRole('checkbox').check();
    await form.getByLabel('Förnamn').fill('Ada');
    await form.getByLabel('Förening').selectOption({ label: association.name });
    await form.getByLabel('E-postadress').fill('ada@example.org');
    await form.getByRole('button', { name: 'Anmäl mig' }).click();
    expect(await form.innerText()).toContain('Godkänn texten om dina uppgifter');
    expect(campaign.app.db.$client.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(0);
    await form.getByLabel('Jag har läst texten').check();
    // Nothing overflows sideways on a 360 px screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Anmäl mig' }).click();

    const done = page.getByTestId('signed-up');
    await done.waitFor();
    expect(await done.innerText()).toContain('2 pass är bokade.');
    const personal = await page.getByTestId('personal-link').getAttribute('href');
    expect(new URL(personal!).origin).toBe(campaign.pageUrl);
    expect(new URL(personal!).pathname).toBe('/me');

    // The personal page: both sessions booked, a QR code of the link, a calendar file.
    await page.getByTestId('personal-link').click();
    await page.getByRole('heading', { name: 'Hej Ada' }).waitFor();
    await expectOrigin(page, origin);
    const bookings = (await expectStatus<{ bookings: { id: number; sessionId: number; status: string }[] }>(
      api(campaign.url, 'GET', '/api/me', new URLSearchParams(new URL(personal!).hash.slice(1)).get('token')!),
      200,
    )).bookings;
    const firstBooking = bookings.find((booking) => booking.sessionId === first)!;
    expect(await page.getByTestId(`booking-${firstBooking.id}`).innerText()).toContain('Bokat');
    await page.getByRole('img', { name: 'QR-kod med din personliga länk' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner kalenderfil (.ics)' }).click()]);
    const calendar = readFileSync((await download.path())!, 'utf8');
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain(`UID:booking-${firstBooking.id}@ringstuga`);
    const feed = await page.getByTestId('calendar-feed').inputValue();
    expect((await fetch(feed.replace(campaign.pageUrl, campaign.url))).status).toBe(200);

    // Bo signs up for the full session: he waits.
    const bo = await expectStatus<{ bookings: { id: number; status: string }[]; url: string }>(
      api(campaign.url, 'POST', '/api/signup/bookings', new URLSearchParams(new URL(link.url).hash.slice(1)).get('token')!, {
        sessionIds: [first],
        name: 'Bo',
        associationId: association.id,
        phone: '070-123 45 67',
        consent: true,
      }),
      201,
    );
    expect(bo.bookings[0]!.status).toBe('waitlisted');

    // The email's one-click cancel link opens the question and cancels nothing by itself (mail scanners open links).
    const fromEmail = await newPage();
    errors.push(...pageErrors(fromEmail));
    await fromEmail.goto(`${personal}&cancel=${firstBooking.id}`);
    const prompt = fromEmail.getByTestId('cancel-prompt');
    await prompt.waitFor();
    expect(await prompt.innerText()).toMatch(/^Avboka passet .+\?/);
    expect(statusOf(firstBooking.id)).toBe('booked');
    await fromEmail.reload();
    await prompt.waitFor();
    expect(statusOf(firstBooking.id)).toBe('booked');
    await prompt.getByRole('button', { name: 'Ja, avboka' }).click();
    await expect.poll(() => fromEmail.getByTestId(`booking-${firstBooking.id}`).innerText()).toContain('Avbokat');
    expect(statusOf(firstBooking.id)).toBe('cancelled');
    // Answered: a reload does not ask again.
    await fromEmail.reload();
    await fromEmail.getByTestId(`booking-${firstBooking.id}`).waitFor();
    expect(await prompt.count()).toBe(0);

    // The place went to Bo, which his own page shows.
    const boPage = await newPage();
    errors.push(...pageErrors(boPage));
    await boPage.goto(bo.url);
    await expect.poll(() => boPage.getByTestId(`booking-${bo.bookings[0]!.id}`).innerText()).toContain('Bokat');
    expect(errors).toEqual([]);
  });

  it('books more from the page, cancels after asking, and deletes the person’s own details so the link stops working', async () => {
    const sessionId = await session(96, 3);
    const link = await expectStatus<{ token: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201);
    const made = await expectStatus<{ bookings: { id: number }[]; url: string; token: string }>(
      api(campaign.url, 'POST', '/api/signup/bookings', link.token, { sessionIds: [sessionId], name: 'Cia', associationId: association.id, email: 'cia@example.org', consent: true }),
      201,
    );
    const page = await newPage();
    await page.goto(made.url);
    const booking = page.getByTestId(`booking-${made.bookings[0]!.id}`);

    // Booking more from the page: the session already held is shown, not offered again.
    const another = await session(120, 2);
    await page.reload();
    const more = page.getByTestId('book-more');
    expect(await more.getByTestId(`session-${sessionId}`).innerText()).toContain('Redan bokat');
    await more.getByTestId(`session-${another}`).getByRole('checkbox').check();
    await more.getByRole('button', { name: 'Boka valda pass' }).click();
    await expect.poll(() => more.locator('.notice').innerText()).toContain('1 pass till är bokat');
    const added = campaign.app.db.$client.prepare('SELECT id, status FROM bookings WHERE session_id = ?').get(another) as { id: number; status: string };
    expect(added.status).toBe('booked');
    await expect.poll(() => page.getByTestId(`booking-${added.id}`).innerText()).toContain('Bokat');
    await booking.getByRole('button', { name: 'Avboka' }).click();
    await page.getByTestId('cancel-prompt').getByRole('button', { name: 'Nej, behåll' }).click();
    expect(statusOf(made.bookings[0]!.id)).toBe('booked');
    await booking.getByRole('button', { name: 'Avboka' }).click();
    await page.getByTestId('cancel-prompt').getByRole('button', { name: 'Ja, avboka' }).click();
    await expect.poll(() => booking.innerText()).toContain('Avbokat');

    await page.getByRole('button', { name: 'Radera mina uppgifter' }).click();
    await page.getByRole('button', { name: 'Ja, radera allt' }).click();
    await page.getByTestId('me-deleted').waitFor();
    const row = campaign.app.db.$client.prepare('SELECT name, email FROM volunteers WHERE email = ? OR name = ?').all('cia@example.org', 'Cia');
    expect(row).toEqual([]);
    await page.reload();
    expect(await page.getByRole('alert').innerText()).toContain('Länken fungerar inte längre');
  });

  it('says what to do when the sign-up or personal link comes without its key', async () => {
    const page = await newPage();
    for (const [path, text] of [
      ['/signup', 'Öppna anmälan från den fullständiga länken'],
      ['/me', 'Öppna din sida från den fullständiga personliga länken'],
    ] as const) {
      await page.goto(`${campaign.pageUrl}${path}`);
      expect(await page.getByRole('alert').innerText()).toContain(text);
    }
  });
});

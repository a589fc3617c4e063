import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { createLink, createRoom } from '../helpers/admin-setup.ts';
import { buildBooking, buildSession, buildVolunteer } from '../helpers/booking-rows.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { api } from '../helpers/http.ts';
import { ADMIN_TOKEN } from '../helpers/server.ts';
import { expectStatus } from '../integration/sessions/fill-room.ts';
import { expectNoSeriousAxeViolations, expectReadableAtZoom, expectVisibleFocus, tabUntil } from './a11y.ts';
import { describeOnEveryOrigin, inRoomOnly, expectOrigin, pageErrors } from './browser.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The smallest phone the pages are made for. */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;
const DESK = { viewport: { width: 1280, height: 900 } } as const;

/** `YYYY-MM-DD` on the campaign's clock (the server's default zone). */
const localDate = (instant: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(instant));

describeOnEveryOrigin('the planning page in Chromium', (origin, browser) => {
  const inRoom = inRoomOnly(origin);
  let campaign: CampaignServer;
  let leader: string;
  let associationId: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({
      lists: [{ phones: [phoneNumber(1)], municipalityName: 'Stockholm' }],
      stations: 4,
      origin,
      env: { AUTH_FAILURES_PER_MINUTE: '10000' },
    });
    leader = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
    associationId = campaign.lists[0]!.associationId;
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser().newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  const planningUrl = () => `${campaign.pageUrl}/planning#token=${leader}`;
  const cells = (page: Page) => page.getByTestId('planning-calendar').locator('article.planning-session');

  /** Books `count` people into a session through a sign-up link made for the purpose. */
  async function book(sessionId: number, count: number): Promise<void> {
    const link = await expectStatus<{ token: string }>(api(campaign.url, 'POST', '/api/signup-links', ADMIN_TOKEN, {}), 201);
    for (let person = 0; person < count; person += 1) {
      const body = { sessionIds: [sessionId], name: `Person ${sessionId}-${person}`, associationId, email: `p${sessionId}-${person}@example.org`, consent: true };
      await expectStatus(api(campaign.url, 'POST', '/api/signup/bookings', link.token, body), 201);
    }
  }

  inRoom('a leader reaches it from the board, makes a series on a phone and sees its cells, warned where under half is booked, and is told of an overlap in words', async () => {
    const page = await newPage(PHONE);
    const errors = pageErrors(page);
    await expectStatus(api(campaign.url, 'POST', '/api/pledges', ADMIN_TOKEN, { name: 'Kandidat Kim', associationId, shifts: 3, by: localDate(Date.now() + 30 * DAY) }), 201);
    // The board links to planning with the leader's own token.
    await page.goto(`${campaign.pageUrl}/room#token=${leader}`);
    await page.getByTestId('planning-link').click();
    await page.waitForURL(/\/planning#token=/);
    await expectOrigin(page, origin);
    expect(new URL(page.url()).hash).toBe(`#token=${leader}`);
    await page.getByRole('heading', { name: /Planering: / }).waitFor();
    // Everyone's pledges are there to plan for; this one was recorded before the page opened.
    expect(await page.getByTestId('planning-pledges').getByTestId('pledges-table').innerText()).toMatch(/Kandidat Kim\s+3\s+/);

    // Tomorrow and the six days after, every weekday, 14–18 as two-hour sessions: 14 of them.
    const series = page.getByTestId('series-form');
    await series.getByLabel('Från datum').fill(localDate(Date.now() + DAY));
    await series.getByLabel('Till datum').fill(localDate(Date.now() + 7 * DAY));
    for (const day of ['Fredag', 'Lördag', 'Söndag']) await series.getByLabel(day).check();
    await series.getByLabel('Varje dag från').fill('14:00');
    await series.getByLabel('Varje dag till').fill('18:00');
    await series.getByLabel('Passets längd (minuter)').fill('120');
    expect(await series.getByLabel('Kapacitet').inputValue()).toBe('4');
    await series.getByRole('button', { name: 'Skapa serien' }).click();
    await expect.poll(() => series.locator('.notice').innerText()).toBe('14 pass är skapade.');
    await expect.poll(() => cells(page).count()).toBe(14);

    const made = await expectStatus<{ sessions: { id: number; startsAt: string }[] }>(api(campaign.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN), 200);
    expect(made.sessions).toHaveLength(14);
    const [first, second] = made.sessions;
    // Two of four places booked is half: no warning there; the empty one next to it is warned.
    await book(first!.id, 2);
    await page.getByRole('button', { name: 'Nästa veckor' }).click();
    await page.getByRole('button', { name: 'Den här veckan' }).click();
    const full = page.getByTestId(`session-${first!.id}`);
    await expect.poll(() => full.locator('[data-figure="booked"]').innerText()).toBe('Bokade 2 av 4');
    expect(await full.getByTestId('session-warning').count()).toBe(0);
    const empty = page.getByTestId(`session-${second!.id}`);
    expect(await empty.getByTestId('session-warning').innerText()).toContain('Under hälften bokat');
    expect(await empty.getAttribute('class')).toContain('planning-session-warning');
    expect(await empty.locator('.planning-session-time').innerText()).toBe('16:00–18:00');

    // One more session on top of the series' first: refused, and said so.
    const one = page.getByTestId('session-form');
    await one.getByLabel('Datum').fill(localDate(Date.parse(first!.startsAt)));
    await one.getByLabel('Börjar').fill('15:00');
    await one.getByLabel('Slutar').fill('16:00');
    await one.getByRole('button', { name: 'Skapa passet' }).click();
    // The server's reason, in the page's language, with the time as the leader typed it (said once).
    expect(await one.getByTestId('session-refusal').innerText()).toBe(
      `Rummet har redan ett pass som krockar med det som börjar ${localDate(Date.parse(first!.startsAt))} 15:00.`,
    );
    // More places than the room has stations: refused before it is sent.
    await one.getByLabel('Börjar').fill('19:00');
    await one.getByLabel('Slutar').fill('20:00');
    await one.getByLabel('Kapacitet').fill('9');
    await one.getByRole('button', { name: 'Skapa passet' }).click();
    expect(await one.getByTestId('session-refusal').innerText()).toContain('Rummet har bara 4 stationer');

    // At 360 px the week is a list: nothing reaches past the screen's edge.
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1')).toBe(true);
    await expectNoSeriousAxeViolations(page);
    // The overlap's 409 is the answer the test asked for; the browser logs it as a failed load.
    expect(errors.filter((error) => !error.includes('409 (Conflict)'))).toEqual([]);
  });

  it('makes a sign-up link to copy, lists it, and revokes it after one question; the revoked link’s sign-up page then refuses', async () => {
    const page = await newPage(DESK);
    const errors = pageErrors(page);
    await page.goto(planningUrl());
    await expectOrigin(page, origin);
    const panel = page.getByTestId('signup-links-panel');
    await panel.getByLabel('Namn på länken (valfritt)').fill('Affischer vecka 50');
    await panel.getByRole('button', { name: 'Skapa anmälningslänk' }).click();
    const url = await panel.getByTestId('signup-link-url').inputValue();
    expect(new URL(url).origin).toBe(campaign.pageUrl);
    expect(new URL(url).pathname).toBe('/signup');
    await panel.getByRole('button', { name: 'Kopiera' }).click();
    await expect.poll(() => panel.locator('.copy-link .notice').innerText()).toMatch(/Kopierad|Markerad/);

    const signup = await newPage(DESK);
    errors.push(...pageErrors(signup));
    await signup.goto(url);
    await signup.getByTestId('signup-form').waitFor();

    const row = panel.getByTestId('signup-links-table').locator('tr', { hasText: 'Affischer vecka 50' });
    expect(await row.innerText()).toContain('Aktiv');
    await row.getByRole('button', { name: 'Dra tillbaka' }).click();
    const question = row.getByRole('alertdialog');
    expect(await question.innerText()).toContain('Dra tillbaka länken ”Affischer vecka 50”? Den slutar fungera direkt. Bokningar som gjorts genom den står kvar.');
    await question.getByRole('button', { name: 'Ja, dra tillbaka' }).click();
    await expect.poll(() => row.innerText()).toContain('Indragen');
    expect(await row.getByRole('button').count()).toBe(0);

    const refused = await newPage(DESK);
    // The refused token's 401 is the expected answer here, logged by the browser as a failed load.
    const refusedErrors = pageErrors(refused);
    await refused.goto(url);
    await expect.poll(() => refused.getByRole('alert').innerText()).toContain('Länken fungerar inte längre.');
    expect(await refused.getByTestId('signup-form').count()).toBe(0);
    expect(refusedErrors.filter((error) => !error.includes('401'))).toEqual([]);
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });

  inRoom('changes a session’s capacity, cancels a booked session by keyboard, asking once and saying the booked will be told, and keeps the room’s address', async () => {
    // An evening session (15:00 UTC): one begun at the time the test runs would cross midnight in
    // Stockholm when run late, which the edit form's one date cannot say.
    const startsAt = new Date(Date.now() + 9 * DAY).setUTCHours(15, 0, 0, 0);
    const body = { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * HOUR).toISOString(), capacity: 4 };
    const { sessions } = await expectStatus<{ sessions: { id: number }[] }>(api(campaign.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body), 201);
    const sessionId = sessions[0]!.id;
    await book(sessionId, 1);

    const page = await newPage(DESK);
    const errors = pageErrors(page);
    await page.goto(planningUrl());
    const cell = page.getByTestId(`session-${sessionId}`);
    await cell.waitFor();

    await cell.getByRole('button', { name: /^Ändra/ }).click();
    await cell.getByLabel('Kapacitet').fill('3');
    await cell.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => cell.locator('[data-figure="booked"]').innerText()).toBe('Bokade 1 av 3');

    const cancel = cell.getByRole('button', { name: /^Ställ in/ });
    await tabUntil(page, cancel, 200);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    const question = cell.getByRole('alertdialog');
    expect(await question.innerText()).toMatch(/Ställa in passet .*\? Den som bokat \(1\) får besked\./);
    // The yes button has focus: Enter answers.
    await page.keyboard.press('Enter');
    await cell.waitFor({ state: 'detached' });
    const row = campaign.app.db.$client.prepare('SELECT cancelled_at FROM calling_sessions WHERE id = ?').get(sessionId) as { cancelled_at: number | null };
    expect(row.cancelled_at).not.toBeNull();
    const statuses = campaign.app.db.$client.prepare('SELECT status FROM bookings WHERE session_id = ?').all(sessionId) as { status: string }[];
    expect(statuses.map((booking) => booking.status)).toEqual(['cancelled']);

    // The room's address: saved, and there again on the next visit.
    const address = page.getByTestId('address-form');
    await address.getByLabel('Adress').fill('Folkets hus, plan 2, portkod 1234');
    await address.getByRole('button', { name: 'Spara adressen' }).click();
    await expect.poll(() => address.locator('.notice').innerText()).toBe('Adressen är sparad: Folkets hus, plan 2, portkod 1234');
    await page.reload();
    await expect.poll(() => page.getByTestId('address-form').getByLabel('Adress').inputValue()).toBe('Folkets hus, plan 2, portkod 1234');
    expect(errors).toEqual([]);
  });

  inRoom('shows the admin every room at once, and an ended session’s attended of booked, hours and calls, and the association’s figures', async () => {
    const room2 = await createRoom(campaign.url, 'Rum 2', 2);
    const db = campaign.app.db;
    const target = campaign.app;
    // Eight days ago always lies in the four weeks before this week's Monday.
    const sessionId = await buildSession(target, { roomId: room2.roomId, startsAt: Date.now() - 8 * DAY, hours: 2, capacity: 2 });
    const came = await buildVolunteer(target, { name: 'Kom', email: 'kom@example.org', createdAt: Date.now() - 9 * DAY });
    const stayed = await buildVolunteer(target, { name: 'Uteblev', email: 'uteblev@example.org', createdAt: Date.now() - 9 * DAY });
    const attended = await buildBooking(target, { sessionId, volunteerId: came.id, createdAt: Date.now() - 9 * DAY });
    const missed = await buildBooking(target, { sessionId, volunteerId: stayed.id, createdAt: Date.now() - 9 * DAY });
    db.$client.prepare('UPDATE volunteers SET association_id = ? WHERE id IN (?, ?)').run(associationId, came.id, stayed.id);
    db.$client.prepare("UPDATE bookings SET status = 'attended' WHERE id = ?").run(attended);
    db.$client.prepare("UPDATE bookings SET status = 'no_show' WHERE id = ?").run(missed);

    const page = await newPage(DESK);
    const errors = pageErrors(page);
    await page.goto(`${campaign.pageUrl}/planning#token=${ADMIN_TOKEN}`);
    await expectOrigin(page, origin);
    expect(await page.getByLabel('Rum', { exact: true }).locator('option:checked').innerText()).toBe('Alla rum');
    await page.getByRole('button', { name: 'Föregående veckor' }).click();
    const cell = page.getByTestId(`session-${sessionId}`);
    await cell.waitFor();
    expect(await cell.locator('.planning-session-room').innerText()).toBe('Rum 2');
    expect(await cell.getByTestId('session-after').innerText()).toMatch(/Kom 1 av 2 bokade\s+0,0 timmar, 0 samtal/);
    // An ended session is not edited or cancelled any more.
    expect(await cell.getByRole('button').count()).toBe(0);
    const row = page.getByTestId('associations-table').locator('tbody tr');
    await expect.poll(() => row.locator('[data-figure="noShowRate"]').innerText()).toMatch(/^50\s%$/);
    expect(await row.locator('[data-figure="booked"]').innerText()).toBe('2');
    expect(await row.locator('[data-figure="attended"]').innerText()).toBe('1');

    // Choosing the room shows its forms, with its two stations as the capacity.
    await page.getByLabel('Rum', { exact: true }).selectOption({ label: 'Rum 2' });
    await page.getByRole('heading', { name: 'Planering: Rum 2' }).waitFor();
    expect(await page.getByTestId('session-form').getByLabel('Kapacitet').inputValue()).toBe('2');
    await expectReadableAtZoom(page, [page.getByTestId('planning-calendar'), page.getByTestId('session-form')]);
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });

  inRoom('says what to do when the link comes without its key, or with one no longer valid', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${campaign.pageUrl}/planning`);
    expect(await page.getByRole('alert').innerText()).toContain('Öppna planeringen från ringledarens fullständiga länk.');
    await page.goto(`${campaign.pageUrl}/planning#token=not-a-leader-token`);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('be administratören om en ny ringledarlänk');
    expect(await page.getByTestId('planning-calendar').count()).toBe(0);
  });
});

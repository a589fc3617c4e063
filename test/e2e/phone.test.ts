import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phoneNumber } from '../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../helpers/campaign-server.ts';
import { expectNoSeriousAxeViolations, expectReadableAtZoom } from './a11y.ts';
import { phoneSocket } from '../helpers/phone-client.ts';
import { tryJoin } from '../helpers/socket-connect.ts';
import { checkIn, connectionStatus, describeInRoom, describeOnEveryOrigin, inRoomOnly, describeWithBrowser, expectOrigin, launchBrowser, pageErrors } from './browser.ts';

/** A phone-sized screen, touch and all. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } as const;
const SCREENSHOTS = 'test-results/screenshots';
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

describeOnEveryOrigin('a phone paired with a station, in Chromium', (origin, browser) => {
  const inRoom = inRoomOnly(origin);
  let campaign: CampaignServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    campaign = await startCampaign({
      lists: [{ phones: range(1, 10), municipalityCode: '0180', municipalityName: 'Stockholm' }],
      stations: 3,
      origin,
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await campaign?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser().newContext(options);
    contexts.push(context);
    return context.newPage();
  }
  const callsOf = (volunteer: string) =>
    campaign.app.db.$client
      .prepare('SELECT k.assignment_id, k.outcome FROM calls k JOIN shifts s ON s.id = k.shift_id WHERE s.name = ? ORDER BY k.id')
      .all(volunteer) as { assignment_id: string; outcome: string }[];

  it('shows each new contact on the phone within a second, records an outcome there, and locks the phone out once unpaired', async () => {
    const station = await newPage();
    const errors = pageErrors(station);
    await station.goto(`${campaign.pageUrl}/station#token=${campaign.stations[0]!.token}`);
    await expectOrigin(station, origin);
    await checkIn(station, 'Ada');
    const stationNumber = station.locator('a.contact-phone');
    await stationNumber.waitFor();

    await station.getByRole('button', { name: 'Koppla telefon' }).click();
    const qr = station.getByRole('img', { name: 'QR-kod som kopplar en telefon till stationen' });
    await qr.waitFor();
    const url = await station.getByTestId('pair-url').getAttribute('href');
    // The code names the room's address (PUBLIC_URL on the plain-HTTP run), so the phone opens the page there.
    expect(new URL(url!).origin).toBe(campaign.pageUrl);
    expect(new URL(url!).pathname).toBe('/phone');
    await station.setViewportSize({ width: 1280, height: 900 });
    if (origin.secure) await station.screenshot({ path: `${SCREENSHOTS}/station-paired.png`, fullPage: true });

    const phone = await newPage(PHONE);
    errors.push(...pageErrors(phone));
    await phone.goto(url!);
    await expectOrigin(phone, origin);
    const callButton = phone.locator('a.phone-call-button');
    // The station's current contact, with one button that dials it.
    await expect.poll(() => callButton.getAttribute('href'), { timeout: 5_000 }).toBe(await stationNumber.getAttribute('href'));
    await expect.poll(() => station.getByTestId('pair-status').innerText()).toContain('Telefonen är ansluten');
    // The phone is in: the code leaves the screen, so nobody else scans it.
    expect(await qr.count()).toBe(0);
    await expectNoSeriousAxeViolations(phone);
    if (origin.secure) await phone.screenshot({ path: `${SCREENSHOTS}/phone.png` });

    // An outcome at the station: the phone shows the next contact within a second.
    const before = await callButton.getAttribute('href');
    expect(await stationNumber.getAttribute('href')).toBe(before);
    await station.keyboard.press('5');
    await expect.poll(() => stationNumber.getAttribute('href'), { timeout: 5_000 }).not.toBe(before);
    const next = await stationNumber.getAttribute('href');
    await expect.poll(() => callButton.getAttribute('href'), { timeout: 1_000, interval: 50 }).toBe(next);

    // An outcome on the phone: the station moves on by itself.
    await phone.getByRole('button', { name: 'Inget svar' }).click();
    await expect.poll(() => stationNumber.getAttribute('href'), { timeout: 5_000 }).not.toBe(next);
    await expect.poll(() => station.locator('.notice').first().innerText()).toContain('Sparat från telefonen: Inget svar');
    expect(callsOf('Ada').map((call) => call.outcome)).toEqual(['no_answer', 'no_answer']);
    await expect.poll(() => callButton.getAttribute('href'), { timeout: 1_000, interval: 50 }).toBe(await stationNumber.getAttribute('href'));
    await expectReadableAtZoom(phone, [callButton, phone.getByRole('button', { name: 'Samtal', exact: true })]);

    // Unpaired from the station: the phone shows nobody and says why; the link no longer works.
    await station.getByRole('button', { name: 'Koppla från telefonen' }).click();
    await phone.getByRole('heading', { name: 'Telefonen är inte längre kopplad' }).waitFor({ timeout: 5_000 });
    expect(await callButton.count()).toBe(0);
    await phone.reload();
    await phone.getByRole('heading', { name: 'Telefonen är inte längre kopplad' }).waitFor({ timeout: 5_000 });
    expect(await phone.locator('body').innerText()).not.toContain('070-');
    expect(errors).toEqual([]);
  });

  inRoom('says what to do when a link comes without its key, on every page opened from one', async () => {
    const page = await newPage(PHONE);
    for (const [path, text] of [
      ['/phone', 'Skanna QR-koden på stationen igen'],
      ['/station', 'Länken saknar stationsnyckel'],
      ['/room', 'Öppna tavlan från den fullständiga länken'],
      ['/association', 'Öppna föreningssidan från den fullständiga länken'],
    ] as const) {
      await page.goto(`${campaign.pageUrl}${path}`);
      expect(await page.getByRole('alert').innerText()).toContain(text);
    }
  });

  it('keeps an outcome recorded offline on the device and sends it once when the connection is back', async () => {
    const stationContext = await browser().newContext();
    contexts.push(stationContext);
    const station = await stationContext.newPage();
    const errors = pageErrors(station, { offline: true });
    await station.goto(`${campaign.pageUrl}/station#token=${campaign.stations[1]!.token}`);
    await expectOrigin(station, origin);
    await checkIn(station, 'Bo');
    const stationNumber = station.locator('a.contact-phone');
    await stationNumber.waitFor();
    const first = await stationNumber.getAttribute('href');

    // The network goes; the server drops the connection, and the page cannot get back.
    await stationContext.setOffline(true);
    campaign.app.realtime.dropConnections();
    await expect.poll(() => connectionStatus(station), { timeout: 5_000 }).not.toBe('connected');
    await station.keyboard.press('1');
    await station.getByTestId('outcome-queued').waitFor();
    await expect.poll(() => station.getByTestId('pending-outcomes').innerText()).toContain('1 utfall väntar');
    expect(callsOf('Bo')).toEqual([]);

    // Back online: the outcome arrives, once, and the next contact comes.
    await stationContext.setOffline(false);
    await expect.poll(() => callsOf('Bo').length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => stationNumber.getAttribute('href'), { timeout: 5_000 }).not.toBe(first);
    await expect.poll(() => station.getByTestId('pending-outcomes').count()).toBe(0);
    expect(callsOf('Bo').map((call) => call.outcome)).toEqual(['conversation']);
    // A reload sends nothing again: the device kept nothing.
    await station.reload();
    await stationNumber.waitFor();
    await station.waitForTimeout(500);
    expect(callsOf('Bo')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('keeps an outcome recorded on a phone without a connection on the phone, and sends it once the phone is back', async () => {
    const station = await newPage();
    await station.goto(`${campaign.pageUrl}/station#token=${campaign.stations[2]!.token}`);
    await checkIn(station, 'Cy');
    const stationNumber = station.locator('a.contact-phone');
    await stationNumber.waitFor();
    await station.getByRole('button', { name: 'Koppla telefon' }).click();
    const url = await station.getByTestId('pair-url').getAttribute('href');

    const phoneContext = await browser().newContext(PHONE);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    const errors = pageErrors(phone, { offline: true });
    await phone.goto(url!);
    await expectOrigin(phone, origin);
    const number = await stationNumber.getAttribute('href');
    await expect.poll(() => phone.locator('a.phone-call-button').getAttribute('href'), { timeout: 5_000 }).toBe(number);

    // The phone loses the room's wifi; the server drops its connection.
    await phoneContext.setOffline(true);
    campaign.app.realtime.dropConnections();
    await expect.poll(() => connectionStatus(phone), { timeout: 5_000 }).not.toBe('connected');
    await phone.getByRole('button', { name: 'Inget svar' }).click();
    await expect.poll(() => phone.getByTestId('pending-outcomes').innerText()).toContain('1 utfall väntar');
    // Kept in the phone's localStorage: the call's id and outcome, never the number.
    const kept = String(
      await phone.evaluate(`Object.keys(localStorage).filter((key) => key.startsWith('ringstuga.outbox.phone')).map((key) => localStorage.getItem(key)).join('')`),
    );
    expect(kept).toContain('no_answer');
    expect(kept).not.toContain(number!.slice('tel:+46'.length));
    expect(callsOf('Cy')).toEqual([]);

    // Back online: the outcome arrives once, and the station moves on.
    await phoneContext.setOffline(false);
    await expect.poll(() => callsOf('Cy').length, { timeout: 15_000 }).toBe(1);
    expect(callsOf('Cy').map((call) => call.outcome)).toEqual(['no_answer']);
    await expect.poll(() => stationNumber.getAttribute('href'), { timeout: 5_000 }).not.toBe(number);
    await expect.poll(() => phone.getByTestId('pending-outcomes').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describeWithBrowser('a paired phone when the lease runs out, in Chromium', () => {
  let campaign: CampaignServer;
  let browser: Browser;

  beforeAll(async () => {
    // A lease of a minute, run out on the phone's own clock: a real lease of a few seconds could end
    // before a loaded machine has even opened the phone page.
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1, env: { LEASE_SECONDS: '60' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await campaign?.close();
  });

  it('takes the contact off the phone when its lease ends, since another station may call it now', async () => {
    const station = await browser.newPage();
    await station.goto(`${campaign.url}/station#token=${campaign.stations[0]!.token}`);
    await checkIn(station, 'Cia');
    await station.locator('a.contact-phone').waitFor();
    await station.getByRole('button', { name: 'Koppla telefon' }).click();
    const url = await station.getByTestId('pair-url').getAttribute('href');

    const phone = await browser.newPage(PHONE);
    await phone.clock.install();
    await phone.goto(url!);
    await phone.locator('a.phone-call-button').waitFor();
    await phone.clock.fastForward('01:01');
    await phone.getByRole('heading', { name: 'Väntar på nästa kontakt' }).waitFor({ timeout: 8_000 });
    expect(await phone.locator('a.phone-call-button').count()).toBe(0);
    expect(await phone.locator('body').innerText()).not.toContain('070-');
  });
});

describeInRoom('a phone refused for its address’s failed joins, in Chromium', (origin, browser) => {
  let campaign: CampaignServer;

  beforeAll(async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 2) }], stations: 1, origin, env: { AUTH_FAILURES_PER_MINUTE: '1' } });
  });
  afterAll(async () => {
    await campaign?.close();
  });

  it('says to wait, in the page’s language, rather than that the pairing ended, and tries again by itself', async () => {
    // One failed join from this address (the browser's too: both are 127.0.0.1) uses up its minute:
    // then even a valid pairing is refused (a stale QR code on the room's shared Wi-Fi does this).
    expect(await tryJoin(phoneSocket(campaign.url, 'a-guess'))).toBe('invalid or expired pairing');
    const phone = await browser().newPage(PHONE);
    await phone.goto(`${campaign.pageUrl}/phone#token=a-guess`);
    await phone.getByTestId('join-waiting').getByText('För många misslyckade anslutningar från den här adressen. Sidan försöker igen om en minut.').waitFor();
    expect(await phone.getByRole('heading', { name: 'Telefonen är inte längre kopplad' }).count()).toBe(0);
    expect(await connectionStatus(phone)).toBe('unreachable');
    await phone.close();
  });
});
